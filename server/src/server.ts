// Language server entry (stdio by default; --node-ipc / --socket / --pipe when the client asks for them).
import { startServer } from './lsp/start.ts';

startServer();
