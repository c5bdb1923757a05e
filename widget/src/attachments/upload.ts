/**
 * One file going to the relay: the raw bytes as the body of POST /api/widget/files, so the
 * browser reports progress and the relay streams it to storage. While the visitor is offline it
 * waits, and starts by itself when the connection is back.
 */
import type { OutboxFile } from '../models/outbox';
import type { PendingUpload } from '../models/sender';
import type { WidgetErrorCode } from '../transport';

export interface UploadTarget {
  origin: string;
  siteId: string;
  /** The visitor's token, once the relay has said hello. */
  token(): string | null;
  /** Calls `start` once, the next time the connection is ready. */
  whenReady(start: () => void): void;
}

export type UploadState = 'waiting' | 'uploading' | 'done' | 'failed';

export class Upload implements PendingUpload {
  readonly file: OutboxFile;
  state: UploadState = 'waiting';
  /** 0 to 1. */
  progress = 0;
  error: WidgetErrorCode | null = null;
  private request: XMLHttpRequest | null = null;
  /** Settles the current attempt's promise (what `uploaded` hands out). */
  private finish: (outcome: { id: string } | { code: WidgetErrorCode }) => void = () => {};
  private attempt: Promise<string> = this.newAttempt();

  constructor(
    private readonly blob: Blob,
    name: string,
    private readonly target: UploadTarget,
    private readonly changed: () => void,
  ) {
    this.file = { name, type: blob.type, size: blob.size };
    this.start();
  }

  /** Starts, or starts again after a failure. */
  start(): void {
    if (this.state === 'uploading' || this.state === 'done') return;
    if (this.state === 'failed') this.attempt = this.newAttempt();
    const token = this.target.token();
    if (!token) return this.wait();
    const xhr = new XMLHttpRequest();
    this.request = xhr;
    const query = new URLSearchParams({ siteId: this.target.siteId, name: this.file.name });
    xhr.open('POST', `${this.target.origin}/api/widget/files?${query}`);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => this.update({ progress: event.loaded / event.total });
    xhr.onload = () => {
      let answer: { id?: string; error?: { code?: WidgetErrorCode } } = {};
      try {
        answer = JSON.parse(xhr.responseText) as typeof answer;
      } catch {
        // Not the relay's answer (a proxy's error page): INTERNAL below.
      }
      if (xhr.status === 201 && answer.id) this.finish({ id: answer.id });
      else this.finish({ code: answer.error?.code ?? 'INTERNAL' });
    };
    xhr.onerror = () => (navigator.onLine ? this.finish({ code: 'OFFLINE' }) : this.wait());
    this.update({ state: 'uploading', progress: 0, error: null });
    xhr.send(this.blob);
  }

  /** Stops it for good: the visitor removed the file. */
  cancel(): void {
    this.request?.abort();
    this.finish({ code: 'CONFLICT' });
  }

  uploaded(): Promise<string> {
    this.start();
    return this.attempt;
  }

  private newAttempt(): Promise<string> {
    const attempt = new Promise<string>((resolve, reject) => {
      this.finish = (outcome) => {
        this.request = null;
        if ('id' in outcome) {
          this.file.id = outcome.id;
          this.update({ state: 'done', progress: 1 });
          resolve(outcome.id);
        } else {
          this.update({ state: 'failed', error: outcome.code });
          reject(outcome.code);
        }
      };
    });
    // Nobody may be waiting on this attempt yet (the message is not sent): no unhandled rejection.
    attempt.catch(() => {});
    return attempt;
  }

  private wait(): void {
    this.update({ state: 'waiting' });
    this.target.whenReady(() => this.start());
  }

  private update(patch: Partial<Pick<Upload, 'state' | 'progress' | 'error'>>): void {
    Object.assign(this, patch);
    this.changed();
  }
}
