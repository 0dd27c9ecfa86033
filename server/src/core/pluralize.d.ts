// The part of the `pluralize` package's API core/inflect.ts uses (declared here so that no @types
// package is needed in every worktree).
declare module 'pluralize' {
  interface Pluralize {
    (word: string, count?: number, inclusive?: boolean): string;
    singular(word: string): string;
    plural(word: string): string;
    isSingular(word: string): boolean;
    isPlural(word: string): boolean;
    addUncountableRule(word: string | RegExp): void;
  }
  const pluralize: Pluralize;
  export default pluralize;
}
