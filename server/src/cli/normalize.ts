// `normlint normalize --table T [--to 3nf|bcnf] FILE`. Owned by the fixes work.
export async function runNormalize(_args: string[]): Promise<number> {
  console.error('normlint normalize: not implemented yet');
  return 2;
}
