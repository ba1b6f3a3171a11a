'use strict';
// Fixes applied to FerretDB v1.24.2's published source (from the Go module
// proxy) before it is built. v1 is the last SQLite-capable line and gets no
// more releases, so these live here. Each patch is one exact text
// replacement; provisioning fails if its text is not found exactly once.
// Set PXXL_FERRETDB_UNPATCHED=1 to build the release as published instead.
module.exports = [
  {
    id: 'sqlite-id-lookups-use-the-id-index',
    file: 'internal/backends/sqlite/metadata/metadata.go',
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: `IDColumn = DefaultColumn + "->'_id'"`,
    // Every collection has the unique index `_ferretdb_sjson->"_id"`, but the
    // `{_id: <string|ObjectId>}` pushdown (find, update, delete, upsert)
    // filtered on `_ferretdb_sjson->'$._id'`. SQLite matches expression
    // indexes by their text, so it never used the index: EXPLAIN QUERY PLAN
    // says SCAN, and a findOne/updateOne by _id took time linear in the
    // collection's size (update 2.2 ms at 100 documents, 103 ms at 20,000).
    // `->'_id'` is the same JSON path (a bare label means `$.label`) and
    // matches the index: SEARCH ... USING INDEX, ~1 ms at any size.
    why: 'lookups by _id scanned the whole table instead of using its unique index',
  },
];
