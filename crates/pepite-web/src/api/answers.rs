//! The problem answers that come from the API's extractors and layers rather than from a
//! handler, added to every operation they can happen to (issue 9, item 8): a client reading
//! the document sees every status the server may answer, each with the problem schema.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr};

/// How a problem answer is named among the document's reusable responses.
struct Answer {
    status: &'static str,
    name: &'static str,
    description: &'static str,
}

/// `ApiUser`: no valid token or session.
const UNAUTHENTICATED: Answer = Answer {
    status: "401",
    name: "Unauthenticated",
    description: "`unauthenticated`: sign in or send a valid bearer token",
};
/// `ApiPath`: an id that is not a number, or names nothing the caller may see (A4).
const NOT_FOUND: Answer = Answer {
    status: "404",
    name: "NotFound",
    description: "`not_found`: no such resource, or not yours (A4)",
};
/// `ApiQuery` (a value of the wrong type) and `ApiJson` (not JSON, not the expected shape,
/// or not sent as `application/json`).
const MALFORMED: Answer = Answer {
    status: "400",
    name: "Malformed",
    description: "`malformed_query` or `malformed_body`: the query string or the body could not be read",
};
/// The body limit of the whole router (`BODY_LIMIT`).
const TOO_LARGE: Answer = Answer {
    status: "413",
    name: "BodyTooLarge",
    description: "`body_too_large`: the request body is too large",
};

/// Adds the answers each operation can receive from the extractors it uses: bearer security
/// means 401, a path parameter 404, a query string or a body 400, a body 413. What a handler
/// already documents is kept.
pub fn complete(mut doc: Document) -> Document {
    let components = doc.components.get_or_insert_with(Default::default);
    for answer in [&UNAUTHENTICATED, &NOT_FOUND, &MALFORMED, &TOO_LARGE] {
        components.responses.insert(
            answer.name.to_owned(),
            RefOr::T(problem(answer.description)),
        );
    }
    for item in doc.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            for answer in answers_of(operation) {
                operation
                    .responses
                    .responses
                    .entry(answer.status.to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name(answer.name)));
            }
        }
    }
    doc
}

fn answers_of(operation: &Operation) -> Vec<&'static Answer> {
    let mut answers = Vec::new();
    if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
        answers.push(&UNAUTHENTICATED);
    }
    let located = |place: ParameterIn| {
        operation.parameters.iter().flatten().any(|p| match p {
            RefOr::T(p) => p.parameter_in == place,
            RefOr::Ref(_) => false,
        })
    };
    if located(ParameterIn::Path) {
        answers.push(&NOT_FOUND);
    }
    if located(ParameterIn::Query) || operation.request_body.is_some() {
        answers.push(&MALFORMED);
    }
    if operation.request_body.is_some() {
        answers.push(&TOO_LARGE);
    }
    answers
}

/// A response whose body is the problem document.
pub fn problem(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
}
