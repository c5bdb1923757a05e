/**
 * The files waiting under the composer. Each is checked against the site's limits before its
 * upload starts, so a refusal comes at once and in words; the relay checks again.
 */
import { kindOfFile, type AttachmentSettings } from '@parley/shared';
import { createStore, type Store } from '../models/store';
import { Upload, type UploadTarget } from './upload';

/**
 * Why the tray did not take a file, worded by the view in the visitor's language: the relay's
 * codes, checked here first, and one of the tray's own.
 */
export interface TrayRefusal {
  reason: 'FILE_TOO_LARGE' | 'FILE_TYPE_REFUSED' | 'TOO_MANY_FILES';
  name: string;
}

export interface TrayState {
  uploads: Upload[];
  refusal: TrayRefusal | null;
}

export class Tray {
  readonly store: Store<TrayState> = createStore<TrayState>({ uploads: [], refusal: null });

  /** `target` is null where nothing can be uploaded (the site takes no files). */
  constructor(
    readonly settings: AttachmentSettings,
    private readonly target: UploadTarget | null,
  ) {}

  /** Adds files chosen, dropped or pasted; the first the site refuses is named instead. */
  add(files: readonly File[]): void {
    const { target } = this;
    if (!target || !this.settings.enabled) return;
    let { uploads } = this.store.get();
    let refusal: TrayRefusal | null = null;
    for (const file of files) {
      // A pasted screenshot may have no name; the relay keeps whatever it is given.
      const name = file.name || `image.${file.type.split('/')[1] ?? 'png'}`;
      const reason = this.refusalOf(file, name, uploads.length);
      if (reason) {
        refusal ??= { reason, name };
        continue;
      }
      // Its progress re-renders the tray; the uploads themselves are updated in place.
      const upload: Upload = new Upload(file, name, target, () => this.store.update({}));
      uploads = [...uploads, upload];
    }
    this.store.update({ uploads, refusal });
  }

  remove(upload: Upload): void {
    upload.cancel();
    const uploads = this.store.get().uploads.filter((u) => u !== upload);
    this.store.update({ uploads, refusal: null });
  }

  /** The uploads, for a message being sent; the tray empties. */
  take(): Upload[] {
    const { uploads } = this.store.get();
    this.store.update({ uploads: [], refusal: null });
    return uploads;
  }

  private refusalOf(file: File, name: string, count: number): TrayRefusal['reason'] | null {
    const kind = kindOfFile(name, file.type);
    if (!kind || !this.settings.allowedKinds.includes(kind)) return 'FILE_TYPE_REFUSED';
    if (file.size > this.settings.maxFileBytes) return 'FILE_TOO_LARGE';
    return count >= this.settings.maxFilesPerMessage ? 'TOO_MANY_FILES' : null;
  }
}
