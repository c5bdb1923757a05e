import { useText } from '../text/text-context';

/** The site's privacy notice, opened in a new tab; nothing when the site has none. */
export function PrivacyLink({ url }: { url: string | null }) {
  const { t } = useText();
  if (!url || !/^https?:\/\//i.test(url)) return null;
  return (
    <a class="privacy" href={url} target="_blank" rel="noopener noreferrer">
      {t.privacy}
    </a>
  );
}
