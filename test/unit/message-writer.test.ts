// The server's writer (lsp/message-writer.ts) sends each message as one write of header and body: what
// vscode-jsonrpc's reader reads back must be the messages sent, in order, with Content-Length counted in UTF-8
// bytes (accents, CJK, emoji and a 1 MB string), and each message must be one chunk on the stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { OneWriteMessageWriter } from '../../server/src/lsp/message-writer.ts';

test('messages written one write each are read back whole and in order', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new OneWriteMessageWriter(stream);
  const sent: Message[] = [
    { jsonrpc: '2.0', id: 1, result: { items: [] } } as Message,
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///é.sql', diagnostics: [{ message: 'café → 表 😀' }] } } as Message,
    { jsonrpc: '2.0', id: 2, result: 'x'.repeat(1 << 20) + 'ü' } as Message,
  ];
  for (const m of sent) await writer.write(m);
  assert.equal(chunks.length, sent.length, 'one chunk per message');
  const reader = new StreamMessageReader(new PassThrough().end(Buffer.concat(chunks)));
  const got: Message[] = [];
  await new Promise<void>((resolve) => { reader.listen((m) => { got.push(m); if (got.length === sent.length) resolve(); }); });
  assert.deepEqual(got, sent);
});
