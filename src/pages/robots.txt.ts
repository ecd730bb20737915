import type { APIRoute } from 'astro';

/** Lets every crawler in, and points it at the sitemap (which already leaves out staff pages). */
export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('astro.config.mjs must set `site`: robots.txt points to the sitemap by full address');
  const body = [
    'User-agent: *',
    'Disallow: /staff/',
    'Disallow: /admin/',
    '',
    `Sitemap: ${new URL('/sitemap-index.xml', site).href}`,
    '',
  ];
  return new Response(body.join('\n'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
