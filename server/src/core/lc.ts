// Lower case: how names are compared (SQL identifiers are case-insensitive unless quoted). One helper for the core.
export const lc = (s: string) => s.toLowerCase();
