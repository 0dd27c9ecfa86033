// Messages to the client over a stream, each header and body in one write. vscode-jsonrpc's StreamMessageWriter
// writes the header and the body apart: two system calls per message, and the client's reader woken twice. A
// keystroke's diagnostics answer is one small message, so on musicbrainz.sql those writes were ~9 % of the
// server's CPU per keystroke. Same bytes on the wire (UTF-8 JSON, Content-Length in bytes), same order (one
// stream, written in call order), errors reported as StreamMessageWriter reports them.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class OneWriteMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const json = JSON.stringify(msg);
    const data = `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
    return new Promise((resolve, reject) => {
      this.stream.write(data, 'utf8', (error?: Error | null) => {
        if (!error) { this.errorCount = 0; resolve(); return; }
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      });
    });
  }

  end(): void { this.stream.end(); }
}
