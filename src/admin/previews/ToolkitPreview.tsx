import { smsUnits } from '../../components/toolkit/toolkit-text.ts';
import { type EntryData, records, text, texts } from './entry-data.ts';
import { PreviewPage } from './PreviewPage.tsx';
import type { PreviewProps } from './preview-props.ts';

/**
 * The partner toolkit's words as the comms team edits them, with the placeholders left in, and
 * a warning on a text message with a character phones cannot send in a 160-character text.
 * The build fills in the name, link and phone and refuses a message over 160 characters.
 */
export function ToolkitPreview({ data, target }: PreviewProps) {
  const script: EntryData[] = records(data, 'script');
  const message = text(data, 'textMessage');
  const sendable = smsUnits(message) !== null;
  const prose = [text(data, 'intro'), text(data, 'posterAction'), ...texts(data, 'letter'), text(data, 'newsletter')];
  return (
    <PreviewPage target={target} readingText={prose.join('\n\n')} data={data}>
      <h1>Partner toolkit</h1>
      <p className="nhsuk-lede-text">{text(data, 'intro')}</p>
      <h2>Poster</h2>
      <p>{text(data, 'posterAction')}</p>
      <h2>Letter</h2>
      {texts(data, 'letter').map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <h2>Desk script</h2>
      {script.map((row) => (
        <p key={text(row, 'question')}>
          <strong>{text(row, 'question')}</strong> {text(row, 'answer')}
        </p>
      ))}
      <h2>Text message</h2>
      <p>{message}</p>
      <p className="nhsuk-body-s">
        {sendable
          ? 'With the name, link and phone filled in, it must be 160 characters or fewer. The build checks this.'
          : 'This has a character a phone cannot send in a normal text, such as a curly quote. Use straight quotes.'}
      </p>
      <h2>Social media posts</h2>
      {texts(data, 'socialPosts').map((post) => (
        <p key={post}>{post}</p>
      ))}
      <h2>Newsletter</h2>
      <p>{text(data, 'newsletter')}</p>
    </PreviewPage>
  );
}
