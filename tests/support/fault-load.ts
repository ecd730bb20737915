import { journeys, referenceIn } from './fault-journeys.ts';

export const NOTHING_RECORDED = 'We could not save your request. Nothing was recorded.';

/** What a load of submissions saw: references given, clear refusals, anything else. */
export interface LoadTally {
  tried: number;
  acknowledged: { optOut: string[]; feedback: string[] };
  /** 503 with "Nothing was recorded" and no reference. */
  refused: number;
  /** Any other answer (a 5xx without the message, a 2xx without a reference, a thrown error). */
  unexpected: string[];
}

/**
 * Sends JSON opt-outs and complaints (alternately, each distinct) from `clients` loops through
 * the real function handlers until `stop()`; the services installed decide the database.
 */
export function startLoad(clients = 6): { tally: LoadTally; stop(): Promise<LoadTally> } {
  const tally: LoadTally = { tried: 0, acknowledged: { optOut: [], feedback: [] }, refused: 0, unexpected: [] };
  let running = true;
  let n = 0;
  const optOutJson = journeys.find((j) => j.name === 'an opt-out sent as JSON');
  const feedbackJson = journeys.find((j) => j.name === 'a complaint sent as JSON');
  if (!optOutJson || !feedbackJson) throw new Error('The JSON journeys are missing');
  const loop = async (client: number) => {
    while (running) {
      // PGlite answers through promise callbacks alone; without a turn of the event loop here the
      // loops would starve the timers that decide when to stop.
      await new Promise((done) => setImmediate(done));
      n += 1;
      const i = n;
      const isOptOut = i % 2 === 0;
      tally.tried += 1;
      try {
        const submission = await (isOptOut ? optOutJson : feedbackJson).start(
          i,
          `10.${client}.${(i >> 8) & 255}.${i & 255}`,
        );
        const response = await submission.send();
        const text = await response.clone().text();
        const reference = await referenceIn(response);
        if (response.status < 300 && reference)
          (isOptOut ? tally.acknowledged.optOut : tally.acknowledged.feedback).push(reference);
        else if (response.status === 503 && text.includes(NOTHING_RECORDED) && !reference) tally.refused += 1;
        else tally.unexpected.push(`${response.status} ${text.slice(0, 120)}`);
      } catch (error) {
        tally.unexpected.push(`threw ${String(error).slice(0, 120)}`);
      }
    }
  };
  const loops = Array.from({ length: clients }, (_, client) => loop(client));
  return {
    tally,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return tally;
    },
  };
}
