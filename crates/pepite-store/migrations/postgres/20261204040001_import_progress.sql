-- T1, issue 12 item 2: how far a reference catalogue's import has gone, so the partner's page
-- shows a progress bar while the upload's request is still running (any instance can answer,
-- the row is the truth). The token is chosen by the browser for one upload.
CREATE TABLE tradein_import_progress (
    token        TEXT   PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES tradein_programmes (id),
    lines_total  BIGINT NOT NULL,
    lines_done   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
