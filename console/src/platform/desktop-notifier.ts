/** Whether desktop notifications may be shown; `unsupported` when the browser has no API for it. */
export type NotificationAccess = NotificationPermission | 'unsupported';

/** One desktop notification. */
export interface DesktopNotice {
  title: string;
  body: string;
  /** Notices with the same tag replace each other instead of piling up. */
  tag: string;
  onClick: () => void;
}

/** Desktop notifications as the console uses them; tests pass a fake. */
export interface DesktopNotifier {
  access(): NotificationAccess;
  /** Must be called from a user gesture: browsers ignore permission prompts otherwise. */
  requestAccess(): Promise<NotificationAccess>;
  show(notice: DesktopNotice): void;
}

/** The browser's Notification API. */
export function createBrowserNotifier(): DesktopNotifier {
  const supported = typeof Notification !== 'undefined';
  return {
    access: () => (supported ? Notification.permission : 'unsupported'),
    async requestAccess() {
      if (!supported) return 'unsupported';
      return Notification.requestPermission();
    },
    show({ title, body, tag, onClick }) {
      if (!supported || Notification.permission !== 'granted') return;
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
  };
}
