// Page links for lists, keeping the current filters in the query string.
export type Pagination = {
  page: number;
  pages: number;
  prev?: string | undefined;
  next?: string | undefined;
  items: { n: number; url: string; current: boolean }[];
};

export function paginate(
  basePath: string,
  filters: Record<string, unknown>,
  page: number,
  pages: number,
): Pagination | undefined {
  if (pages <= 1) return undefined;
  const url = (n: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters))
      if (v !== undefined && v !== '' && k !== 'page') params.set(k, String(v));
    if (n > 1) params.set('page', String(n));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const from = Math.max(1, page - 2);
  const to = Math.min(pages, page + 2);
  const items = [];
  for (let n = from; n <= to; n++) items.push({ n, url: url(n), current: n === page });
  return {
    page,
    pages,
    prev: page > 1 ? url(page - 1) : undefined,
    next: page < pages ? url(page + 1) : undefined,
    items,
  };
}
