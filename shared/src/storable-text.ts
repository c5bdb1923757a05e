/**
 * Text as both stores can keep it. A lone UTF-16 surrogate has no UTF-8 form (the embedded store's
 * file and PostgreSQL would each turn it into something else), and PostgreSQL refuses NUL in
 * `text`. Each is replaced by U+FFFD, so every store keeps exactly the same string.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `value` with each lone surrogate and each NUL replaced by U+FFFD. */
export function storableText(value: string): string {
  return value.replace(LONE_SURROGATE, '\ufffd').replaceAll('\0', '\ufffd');
}
