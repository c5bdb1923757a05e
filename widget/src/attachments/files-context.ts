/**
 * Attachments as the panel reaches them: the composer's tray (which knows the site's limits) and
 * the relay's origin, which file links are relative to. Without a provider (tests of the rest of
 * the panel), a site that takes no files.
 */
import type { AttachmentSettings } from '@parley/shared';
import { createContext } from 'preact';
import { Tray } from './tray';

export interface Files {
  tray: Tray;
  origin: string;
}

/** Sites whose settings predate attachments take none from visitors. */
export const NO_ATTACHMENTS: AttachmentSettings = {
  enabled: false,
  maxFileBytes: 0,
  maxFilesPerMessage: 0,
  allowedKinds: [],
  filesPerVisitorPerHour: 0,
};

export const FilesContext = createContext<Files>({
  tray: new Tray(NO_ATTACHMENTS, null),
  origin: '',
});
