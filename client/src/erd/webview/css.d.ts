// esbuild bundles the webview's stylesheet beside its script (dist/erd-webview.css).
declare module '*.css';
