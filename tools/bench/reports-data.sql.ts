/**
 * SQL that fills the reports service's projections with a year shaped like the seed, `scale` times
 * over (rows `from` … `to` of each kind, so a second call adds to the first): complaints with their
 * whole loop (7 events each, 98.4 % closed), applications, catalogue items in 10 categories, 45 of
 * every 50 published in the year, revisions and two rounds. Rows as the consumers write them.
 */
export function reportsYearSql(scale: { from: number; to: number }): string[] {
  const cases = { from: 1254 * scale.from + 1, to: 1254 * scale.to };
  const items = { from: 50 * scale.from + 1, to: 50 * scale.to };
  // A deterministic RFC 4122 UUID (version 4 and variant bits set, as the contracts' z.uuid() checks).
  const uuid = (kind: string, index: string) =>
    `overlay(overlay(md5('${kind}-' || ${index}) placing '4' from 13) placing '8' from 17)::uuid`;
  // Received from 4 September 2023 to 10 August 2024, 09:00 Beijing.
  const receivedAt = `(timestamptz '2023-09-04 01:00+00' + ((i % 1254) * 340 / 1254) * interval '1 day')`;
  const steps: [number, string, string, string, string][] = [
    // version, type, status, time after receipt, details
    [
      1,
      'received',
      'received',
      "interval '0'",
      `jsonb_build_object('cityDueAt', null, 'responseDueAt', ${receivedAt} + interval '1 day')`,
    ],
    [2, 'dispatched', 'dispatched', `interval '2 hours'`, `'{"redispatch": false}'::jsonb`],
    [3, 'accepted', 'accepted', `interval '5 hours'`, `'{}'::jsonb`],
    [4, 'contacted', 'accepted', `interval '6 hours'`, `'{"onTime": true}'::jsonb`],
    [5, 'replied', 'replied', `interval '3 days'`, `'{"onTime": true}'::jsonb`],
    [
      6,
      'callback-recorded',
      'replied',
      `interval '4 days'`,
      `jsonb_build_object('satisfaction', CASE WHEN i % 12 = 0 THEN 'basically_satisfied' ELSE 'satisfied' END, 'resolution', 'solved')`,
    ],
    [7, 'closed', 'closed', `interval '4 days 1 hour'`, `'{"onTime": true}'::jsonb`],
  ];
  const caseEvents = steps.map(
    ([version, type, status, after, details]) => `
INSERT INTO report_case_event (case_id, aggregate_version, event_id, type, occurred_at, tracking_no, kind, source,
  category, status, received_at, due_at, lead_department_id, requester_type, details)
SELECT ${uuid('case', 'i')}, ${version}, ${uuid(`event-${version}`, 'i')}, '${type}', ${receivedAt} + ${after},
  'GK' || lpad(i::text, 9, '0'), 'complaint',
  CASE WHEN i % 1254 < 882 THEN 'city_12345' ELSE (ARRAY['campus_hotline','web','email','in_person','letter'])[1 + i % 5] END,
  (ARRAY['canteen','dormitory','logistics','network','teaching'])[1 + i % 5], '${status}', ${receivedAt},
  ${receivedAt} + interval '7 days', ${uuid('department', '(i % 10)')}, NULL, ${details}
FROM generate_series(${cases.from}, ${cases.to}) AS i
WHERE ${version} <= CASE WHEN i % 1254 >= 1234 THEN 3 ELSE 7 END`,
  );
  return [
    ...caseEvents,
    `INSERT INTO report_category (code, name, sort_order)
     SELECT lpad(c::text, 2, '0'), '类别' || c, c FROM generate_series(1, 10) AS c ON CONFLICT DO NOTHING`,
    `INSERT INTO report_item (item_id, aggregate_version, code, title, category_code, channels, status)
     SELECT ${uuid('item', 'i')}, 1, 'ITEM-' || lpad(i::text, 6, '0'), '清单事项' || i, lpad((1 + i % 10)::text, 2, '0'),
       ARRAY['disclosure_site'], 'active'
     FROM generate_series(${items.from}, ${items.to}) AS i`,
    `INSERT INTO report_publication (publication_id, item_id, item_code, version, title, source, round_id, channels, published_at)
     SELECT ${uuid('publication', 'i')}, ${uuid('item', 'i')}, 'ITEM-' || lpad(i::text, 6, '0'), 2, '清单事项' || i, 'round', NULL,
       ARRAY['disclosure_site', 'wechat'], timestamptz '2023-10-19 02:00+00' + (i % 2) * interval '239 days'
     FROM generate_series(${items.from}, ${items.to}) AS i WHERE i % 50 < 45`,
    `INSERT INTO report_revision (revision_id, item_id, item_code, revision_no, trigger, effective_date, reason,
       lead_department_id, previous_lead_department_id)
     SELECT ${uuid('revision', 'i')}, ${uuid('item', 'i')}, 'ITEM-' || lpad(i::text, 6, '0'), 2, 'reorganisation', '2024-03-01',
       '机构改革', ${uuid('department', "'merged'")}, ${uuid('department', '(i % 10)')}
     FROM generate_series(${items.from}, ${items.to}) AS i WHERE i % 50 < 6`,
  ];
}
