/**
 * What /organisations/ says about made-up entries in a list: "all" (one notice, no tags), "some"
 * (a notice, and a tag on each made-up row so residents can tell which), or nothing.
 */
export function exampleMarking(organisations: readonly { data: { example: boolean } }[]): 'all' | 'some' | undefined {
  const examples = organisations.filter((o) => o.data.example).length;
  if (examples === 0) return undefined;
  return examples === organisations.length ? 'all' : 'some';
}
