//! The HTTP side: each request becomes a [`Call`], is kept, and is answered by the first mock
//! that admits it.

use std::convert::Infallible;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::call::query_pairs;
use crate::route::{attribute, Route};
use crate::{example_reply, Answer, Call, Reply, Shared, State};

/// The status of a call no mock answers: not one the client retries or an application
/// takes for an answer of Codat's.
pub(crate) const UNANSWERED: u16 = 501;

/// Listens on a free port of 127.0.0.1 and serves until the returned task is aborted.
pub(crate) async fn serve(shared: Arc<Shared>) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let accept = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            let shared = shared.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<Incoming>| {
                    let shared = shared.clone();
                    async move { Ok::<_, Infallible>(respond(&shared, request).await) }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok((addr, accept))
}

async fn respond(shared: &Shared, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = match body.collect().await {
        Ok(body) => body.to_bytes(),
        Err(e) => return to_response(Reply::error(400, &format!("unreadable body: {e}"))),
    };
    let path = parts.uri.path().to_owned();
    let method = parts.method.as_str().to_owned();
    let (operation, path_values) = match attribute(&method, &path, &shared.declared) {
        Some((op, values)) => (Some(op), values),
        None => (None, Vec::new()),
    };
    let call = Call {
        operation,
        method,
        path,
        path_values,
        query: query_pairs(parts.uri.query()),
        raw_query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts.headers,
        body,
    };
    let reply = answer(shared, call);
    if !reply.delay.is_zero() {
        tokio::time::sleep(reply.delay).await;
    }
    to_response(reply)
}

/// Keeps `call` and finds its answer.
pub(crate) fn answer(shared: &Shared, call: Call) -> Reply {
    let mut state = shared.state();
    state.calls.push(call.clone());
    let auth = call.headers.get("authorization");
    let authorized = match &state.auth {
        Some(expected) => auth.is_some_and(|v| v.as_bytes() == expected.as_bytes()),
        None => auth.is_some(),
    };
    if !authorized {
        return Reply::error(401, "Unauthorized");
    }
    let Some(op) = call.operation else {
        let why = format!(
            "{} {} fits no operation declared in this program",
            call.method, call.path
        );
        return unanswered(&mut state, why);
    };
    let route = Route::of(op);
    let chosen = state.rules.iter_mut().find(|rule| {
        rule.route == route
            && rule.left != Some(0)
            && rule.filters.iter().all(|filter| filter.admits(&call))
    });
    if let Some(rule) = chosen {
        if let Some(left) = &mut rule.left {
            *left -= 1;
        }
        let answer = rule.answer.clone();
        drop(state);
        return match answer {
            Answer::Fixed(reply) => reply,
            Answer::With(make) => make(&call),
        };
    }
    if state.examples {
        match example_reply(op) {
            Ok(reply) => return reply,
            Err(why) => {
                let why = format!("{}: no mock answers it, and {why}", call.name());
                return unanswered(&mut state, why);
            }
        }
    }
    let why = format!(
        "no mock answers {} ({} {}); mocks: {}",
        call.name(),
        call.method,
        call.path,
        mocks(&state)
    );
    unanswered(&mut state, why)
}

/// Keeps `why` for the end of the test and answers with it.
fn unanswered(state: &mut State, why: String) -> Reply {
    let reply = Reply::error(UNANSWERED, &format!("codat-test: {why}"));
    state.unanswered.push(why);
    reply
}

/// The mocks set, each with its operation and what it has left.
fn mocks(state: &State) -> String {
    if state.rules.is_empty() {
        return "none".into();
    }
    let mut out = String::new();
    for (i, rule) in state.rules.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(
            out,
            "{} ({} {}",
            rule.name, rule.route.method, rule.route.shape
        );
        for filter in &rule.filters {
            let _ = write!(out, ", {filter}");
        }
        if let (Some(left), Some(times)) = (rule.left, rule.times) {
            let _ = write!(out, ", {} of {times} answers used", times - left);
        }
        out.push(')');
    }
    out
}

fn to_response(reply: Reply) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(reply.body));
    *response.status_mut() =
        hyper::StatusCode::from_u16(reply.status).expect("Reply checks its status");
    let headers = response.headers_mut();
    for (name, value) in reply.headers {
        headers.append(name, value);
    }
    response
}
