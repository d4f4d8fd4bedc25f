-- F1/F3: carriers are data: the tracking page (with a {tracking} placeholder), the countries
-- served and, where known, the tracking number's format (a regular expression matched whole).
CREATE TABLE carriers (
    code            TEXT   PRIMARY KEY,
    name            TEXT   NOT NULL,
    tracking_url    TEXT   NOT NULL CHECK (tracking_url LIKE 'https://%{tracking}%'),
    countries       TEXT   NOT NULL,
    tracking_format TEXT   NULL,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at      BIGINT NOT NULL
);

-- Usual French and European carriers. Formats are deliberately permissive (letters and
-- digits of the lengths each carrier is known to use); staff tighten or clear them.
INSERT INTO carriers (code, name, tracking_url, countries, tracking_format, active, updated_at) VALUES
    ('colissimo', 'Colissimo', 'https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}', 'FR,MC', '[0-9A-Z]{11,15}', TRUE, 0),
    ('chronopost', 'Chronopost', 'https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={tracking}', 'FR,MC', '[0-9A-Z]{11,15}', TRUE, 0),
    ('mondial_relay', 'Mondial Relay', 'https://www.mondialrelay.fr/suivi-de-colis/?numeroExpedition={tracking}', 'FR,BE,LU,NL,ES,PT,DE,AT,IT,PL', '[0-9]{8,12}', TRUE, 0),
    ('dpd', 'DPD', 'https://tracking.dpd.de/status/fr_FR/parcel/{tracking}', 'FR,BE,LU,NL,DE,AT,ES,PT,IT,PL,CZ,IE', '[0-9A-Z]{14,28}', TRUE, 0),
    ('gls', 'GLS', 'https://gls-group.com/FR/fr/suivi-colis?match={tracking}', 'FR,BE,LU,NL,DE,AT,ES,PT,IT,DK,PL', '[0-9A-Z]{8,20}', TRUE, 0),
    ('ups', 'UPS', 'https://www.ups.com/track?loc=fr_FR&tracknum={tracking}', 'FR,MC,BE,LU,NL,DE,AT,ES,PT,IT,CH,GB,IE,US', '1Z[0-9A-Z]{16}|[0-9A-Z]{9,12}|T[0-9]{10}', TRUE, 0),
    ('dhl', 'DHL', 'https://www.dhl.com/fr-fr/home/suivi.html?tracking-id={tracking}', 'FR,MC,BE,LU,NL,DE,AT,ES,PT,IT,CH,GB,IE,US', '[0-9A-Z]{10,39}', TRUE, 0),
    ('colis_prive', 'Colis Privé', 'https://www.colisprive.com/moncolis/pages/detailColis.aspx?numColis={tracking}', 'FR', NULL, TRUE, 0),
    ('bpost', 'bpost', 'https://track.bpost.cloud/btr/web/#/search?itemCode={tracking}&lang=fr', 'BE', NULL, TRUE, 0),
    ('postnl', 'PostNL', 'https://jouw.postnl.nl/track-and-trace/{tracking}-NL', 'NL,BE', NULL, TRUE, 0),
    ('correos', 'Correos', 'https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={tracking}', 'ES', NULL, TRUE, 0),
    ('poste_italiane', 'Poste Italiane', 'https://www.poste.it/cerca/index.html#/risultati-spedizioni/{tracking}', 'IT', NULL, TRUE, 0);

-- F1/F3/F4: each parcel's carrier, tracking number, dispatch and delivery. Both moves are
-- compare-and-set updates on these columns (shipped_at IS NULL, delivered_at IS NULL), so a
-- double submission or a race changes nothing twice.
ALTER TABLE order_parcels ADD COLUMN carrier TEXT NULL REFERENCES carriers (code);
ALTER TABLE order_parcels ADD COLUMN tracking TEXT NULL;
ALTER TABLE order_parcels ADD COLUMN shipped_at BIGINT NULL;
ALTER TABLE order_parcels ADD COLUMN delivered_at BIGINT NULL;
-- F4: a carrier's delivery event names its parcel by carrier and tracking number.
CREATE INDEX order_parcels_tracking ON order_parcels (carrier, tracking) WHERE tracking IS NOT NULL;
