-- V022: on PostgreSQL the key from a 双公示 record to its upload becomes deferrable, so that an intake may COPY its records
-- before its upload row (issue 15, B2). SQLite writes the records after the upload row, on the one connection that holds the
-- write lock, so its schema does not change; the version is kept so both providers count the same migrations.
SELECT 1;
