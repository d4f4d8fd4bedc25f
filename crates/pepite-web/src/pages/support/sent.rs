//! What a chat form sends (S1): its text fields and, when sent as `multipart/form-data`, the
//! photos or PDFs chosen in its `files` field. A plain urlencoded form (a script sending text
//! only) is read the same way. Text carrying control characters and a body that cannot be read
//! or is over the route's limit are field errors in the person's language, never a 500.

use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use pepite_app::support::attachments::{self, Upload};
use pepite_domain::FieldErrors;

use crate::AppState;
use crate::input_text;
use crate::pages::sell::upload::{Part, Parts};

/// The most a chat form's body may weigh: a message's files at the policy's largest photo,
/// and its text. The router's outer bound.
pub(in crate::pages) const LIMIT: usize = crate::PHOTOS_FORM_LIMIT;

/// A chat form as sent.
#[derive(Debug, Default)]
pub(in crate::pages) struct Sent {
    pairs: Vec<(String, String)>,
    pub files: Vec<Upload>,
    /// Why the form could not be taken as sent, if it could not.
    pub refused: FieldErrors,
}

impl Sent {
    /// The text of field `name`, empty when absent.
    pub fn text(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Reads a chat form, multipart or urlencoded.
    pub async fn read(req: Request, state: &AppState) -> Sent {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        let mut sent = if multipart {
            Self::multipart(Multipart::from_request(req, state).await).await
        } else {
            Self::urlencoded(req).await
        };
        let control =
            input_text::pair_errors(sent.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        sent.refused.0.extend(control.0);
        sent
    }

    async fn urlencoded(req: Request) -> Sent {
        let mut sent = Sent::default();
        match axum::body::to_bytes(req.into_body(), LIMIT).await {
            Ok(bytes) => {
                sent.pairs = form_urlencoded::parse(&bytes).into_owned().collect();
            }
            Err(_) => sent.refused.add("body", "unreadable_upload"),
        }
        sent
    }

    async fn multipart(
        multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    ) -> Sent {
        let mut sent = Sent::default();
        let max_mb = (LIMIT / (1024 * 1024)) as i64;
        let mut parts = match Parts::new(multipart, attachments::FIELD, max_mb) {
            Ok(parts) => parts,
            Err(e) => {
                sent.refused.0.push(e);
                return sent;
            }
        };
        loop {
            match parts.next().await {
                Ok(None) => return sent,
                Ok(Some(Part::Text(name, value))) => sent.pairs.push((name, value)),
                Ok(Some(Part::File(name, bytes))) => sent.files.push(Upload { name, bytes }),
                Err(e) => {
                    sent.refused.0.push(e);
                    return sent;
                }
            }
        }
    }
}
