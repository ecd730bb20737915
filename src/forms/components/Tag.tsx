export type TagColour = 'grey' | 'green' | 'blue' | 'red' | 'orange' | 'yellow' | 'purple' | 'white';

/** NHS.UK tag. Colour is never the only signal: the words say the same. */
export function Tag({ colour, children }: { colour: TagColour; children: string }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{children}</strong>;
}
