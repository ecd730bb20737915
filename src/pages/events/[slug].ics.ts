import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { calendarFile } from '../../utils/calendar-file.ts';
import { eventsByDate } from '../../utils/collections.ts';
import { eventPlace } from '../../utils/events.ts';

/** A calendar file per event at /events/<slug>.ics, so people can add a meeting in one tap. */
export const getStaticPaths = (async () =>
  (await eventsByDate()).map((event) => ({ params: { slug: event.id }, props: { event } }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props, site }) => {
  if (!site) throw new Error('astro.config.mjs must set `site`: calendar files link back to the event page');
  const { event } = props;
  const body = calendarFile({
    slug: event.id,
    title: event.data.title,
    description: event.data.summary,
    start: event.data.start,
    end: event.data.end,
    location: eventPlace(event.data),
    url: new URL(`/events/${event.id}/`, site).href,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
