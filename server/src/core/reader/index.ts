// Entry point of the reader: text → FileModel. (Owned by the reader work; this is the contract.)
import type { DialectSetting, FileModel } from '../model.ts';

export function readFile(text: string, file: string, dialect: DialectSetting = 'auto'): FileModel {
  throw new Error('reader not implemented yet');
}
