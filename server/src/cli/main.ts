// normlint CLI (contract in DESIGN.md). Owned by the reader/CLI work.
console.error('normlint: CLI not implemented yet');
process.exit(2);
