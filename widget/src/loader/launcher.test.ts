import { describe, expect, it, vi } from 'vitest';
import { launcherText } from '../text/locale';
import { createLauncher } from './launcher';

describe('the launcher button', () => {
  it('is named "Open chat", then "Close chat" while the panel is open', () => {
    const parent = document.createElement('div');
    const toggle = vi.fn();
    const launcher = createLauncher(document, parent, launcherText('en'), toggle);
    expect(launcher.button.getAttribute('aria-label')).toBe('Open chat');
    expect(launcher.button.getAttribute('aria-expanded')).toBe('false');
    launcher.setOpen(true);
    expect(launcher.button.getAttribute('aria-label')).toBe('Close chat');
    launcher.button.click();
    expect(toggle).toHaveBeenCalledOnce();
  });

  it('shows the unread count as a badge and describes it, without changing its name', () => {
    const parent = document.createElement('div');
    const launcher = createLauncher(document, parent, launcherText('en'), () => {});
    const badge = parent.querySelector<HTMLElement>('.badge');
    expect(badge?.hidden).toBe(true);
    launcher.setUnread(2);
    expect(badge?.hidden).toBe(false);
    expect(badge?.textContent).toBe('2');
    expect(parent.querySelector('#parley-unread')?.textContent).toBe('2 unread messages');
    expect(launcher.button.getAttribute('aria-label')).toBe('Open chat');
  });

  it('speaks the visitor’s language', () => {
    const parent = document.createElement('div');
    const launcher = createLauncher(document, parent, launcherText('vi'), () => {});
    expect(launcher.button.getAttribute('aria-label')).toBe('Mở trò chuyện');
    launcher.setText(launcherText('tl'));
    expect(launcher.button.getAttribute('aria-label')).toBe('Buksan ang chat');
  });
});
