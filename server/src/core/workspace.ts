// Merge file models into one workspace model: ALTERs applied, indexes and rows attached.
import type { FileModel, WorkspaceModel } from './model.ts';

export function buildWorkspace(files: FileModel[]): WorkspaceModel {
  throw new Error('workspace merge not implemented yet');
}
