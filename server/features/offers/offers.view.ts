// How offers are shown: the API's JSON, the page's cards and detail, and the open data records.
import { stringify } from 'csv-stringify/sync';
import type { OfferRow } from '../../../models/queries/offers.ts';
import { renderMarkdown } from '../../core/markdown.ts';
import { provinceName } from './offers.provinces.ts';
import { offerUrl } from './offers.service.ts';

const isoDay = (d: string) => d.slice(0, 10);

/** One offer on the API (the description as written and as sanitized HTML). */
export function offerJson(o: OfferRow) {
  return {
    id: o.id,
    externalId: o.externalId,
    title: o.title,
    provider: { slug: o.organizationSlug, name: o.providerName, organization: o.organizationName },
    description: o.description,
    descriptionHtml: renderMarkdown(o.description),
    online: o.online,
    province: o.province,
    provinceName: provinceName(o.province),
    town: o.town,
    startsOn: isoDay(o.startsOn),
    endsOn: isoDay(o.endsOn),
    hours: o.hours,
    costCents: o.costCents,
    free: o.costCents === 0,
    targetAudience: o.targetAudience,
    certification: o.certification,
    competences: o.competenceCodes,
    url: o.url,
    theme: o.theme,
    source: o.source,
    expired: o.expired,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    link: offerUrl(o.id),
  };
}

export function euros(cents: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}

/** A card or the detail page: places and sums in words, the description sanitized. */
export function offerView(o: OfferRow, lang: string) {
  return {
    ...offerJson(o),
    url: offerUrl(o.id),
    externalUrl: o.url,
    place: o.online ? null : `${o.town} (${o.province})`,
    cost: o.costCents === 0 ? null : euros(o.costCents, lang),
    themeLabel: `practices.themes.${o.theme}`,
    certificationLabel: `offers.certifications.${o.certification}`,
  };
}

/** The licence of the catalogue's open data. */
export const OFFER_OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  name: 'Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.it',
} as const;
export const OFFER_OPEN_DATA_PATHS = {
  csv: '/offerta-formativa/dati.csv',
  json: '/offerta-formativa/dati.json',
} as const;

/** One live offer as open data, with absolute addresses on `site`. */
export function offerOpenRecord(o: OfferRow, site: string) {
  const { descriptionHtml: _html, link: _link, expired: _expired, ...rest } = offerJson(o);
  return { ...rest, page: `${site}${offerUrl(o.id)}` };
}
export type OfferOpenRecord = ReturnType<typeof offerOpenRecord>;

export function offerOpenJson(records: OfferOpenRecord[], site: string, now = new Date()) {
  return {
    licence: OFFER_OPEN_DATA_LICENCE,
    generatedAt: now.toISOString(),
    source: `${site}/offerta-formativa`,
    count: records.length,
    offers: records,
  };
}

export const OPEN_CSV_COLUMNS = [
  'id',
  'page',
  'external_id',
  'title',
  'provider',
  'organization',
  'online',
  'province',
  'town',
  'starts_on',
  'ends_on',
  'hours',
  'cost_eur',
  'target_audience',
  'certification',
  'competences',
  'theme',
  'url',
  'description',
  'updated_at',
] as const;

/** The CSV: UTF-8 with a BOM, CRLF, formulas neutralised, like the platform's other exports. */
export function offerOpenCsv(records: OfferOpenRecord[]): string {
  return stringify(
    records.map((r) => ({
      id: r.id,
      page: r.page,
      external_id: r.externalId ?? '',
      title: r.title,
      provider: r.provider.name,
      organization: r.provider.organization,
      online: r.online ? 'true' : 'false',
      province: r.province ?? '',
      town: r.town ?? '',
      starts_on: r.startsOn,
      ends_on: r.endsOn,
      hours: r.hours,
      cost_eur: (r.costCents / 100).toFixed(2),
      target_audience: r.targetAudience,
      certification: r.certification,
      competences: r.competences.join(' | '),
      theme: r.theme,
      url: r.url ?? '',
      description: r.description,
      updated_at: r.updatedAt,
    })),
    {
      header: true,
      columns: [...OPEN_CSV_COLUMNS],
      bom: true,
      record_delimiter: 'windows',
      quote_record_delimiter: true,
      escape_formulas: true,
      cast: { number: (n) => String(n) },
    },
  );
}
