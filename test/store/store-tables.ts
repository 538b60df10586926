/** Every table a migrated store holds, by name, the same on both engines (Kysely's two included). */
export const STORE_TABLES = [
  "article_choices",
  "deliveries",
  "feed_articles",
  "feed_leases",
  "feed_states",
  "kysely_migration",
  "kysely_migration_lock",
  "slot_leases",
  "slots",
  "subscriptions",
];
