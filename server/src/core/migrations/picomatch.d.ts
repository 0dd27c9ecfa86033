// The part of picomatch (https://github.com/micromatch/picomatch) normlint uses. Declared here rather
// than through @types/picomatch so that a checkout with the older picomatch 2 (a dependency of
// esbuild's and vsce's tooling) type-checks the same: both versions have this call.
declare module 'picomatch' {
  interface Options { basename?: boolean; dot?: boolean; nocase?: boolean }
  function picomatch(glob: string | string[], options?: Options): (path: string) => boolean;
  export default picomatch;
}
