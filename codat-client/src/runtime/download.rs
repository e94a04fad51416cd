//! Binary responses (files, PDFs, spreadsheets): read as a stream of chunks, in bounded memory,
//! or whole.

use std::fmt;

use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, BoxStream, StreamExt};
use reqwest::header::{HeaderMap, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};

use crate::Error;

/// A successful binary response whose body has not been read yet.
///
/// Read it with [`Download::chunk`] or [`Download::into_stream`] (bounded memory, for large
/// files) or [`Download::bytes`] (the whole body). A body that ends before the length the
/// server announced is an error, never a short file taken as whole. The per-attempt timeout
/// of the client covers reading the body too: raise it with
/// [`Codat::with_timeout`](crate::Codat::with_timeout) for large files.
pub struct Download {
    status: u16,
    headers: HeaderMap,
    response: reqwest::Response,
}

impl Download {
    pub(crate) fn new(response: reqwest::Response) -> Download {
        Download {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            response,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Content-Type` header, e.g. `application/pdf`.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The body's length, when the server announced it.
    pub fn content_length(&self) -> Option<u64> {
        self.headers
            .get(CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    }

    /// The file name from `Content-Disposition` (`filename*` preferred over `filename`).
    pub fn file_name(&self) -> Option<String> {
        file_name(self.headers.get(CONTENT_DISPOSITION)?.to_str().ok()?)
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The next chunk of the body; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        self.response.chunk().await.map_err(Error::from_reqwest)
    }

    /// The body as a stream of chunks. It ends after the first error.
    pub fn into_stream(self) -> BoxStream<'static, Result<Bytes, Error>> {
        stream::unfold(Some(self), |download| async move {
            let mut download = download?;
            match download.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(download))),
                Ok(None) => None,
                Err(err) => Some((Err(err), None)),
            }
        })
        .boxed()
    }

    /// The whole body.
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut body =
            BytesMut::with_capacity(self.content_length().unwrap_or(0).min(1 << 24) as usize);
        while let Some(chunk) = self.chunk().await? {
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    }
}

impl fmt::Debug for Download {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Download")
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("content_length", &self.content_length())
            .field("file_name", &self.file_name())
            .finish_non_exhaustive()
    }
}

/// The file name in a `Content-Disposition` value: `filename*=UTF-8''...` (percent-decoded)
/// when present, else `filename=` (quoted or not). Path separators are removed, so the name
/// can be joined to a folder safely.
pub fn file_name(disposition: &str) -> Option<String> {
    let mut plain = None;
    let mut extended = None;
    for param in split_params(disposition) {
        let Some((key, value)) = param.split_once('=') else {
            continue;
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                // charset'language'percent-encoded
                let mut pieces = value.trim().splitn(3, '\'');
                let charset = pieces.next().unwrap_or_default();
                let encoded = pieces.nth(1);
                if let Some(encoded) = encoded.filter(|_| charset.eq_ignore_ascii_case("utf-8")) {
                    extended = percent_encoding::percent_decode_str(encoded)
                        .decode_utf8()
                        .ok()
                        .map(|name| name.into_owned());
                }
            }
            "filename" => plain = Some(unquote(value.trim())),
            _ => {}
        }
    }
    let name = extended.or(plain)?;
    let name: String = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    (!name.is_empty() && name != "." && name != "..").then_some(name)
}

/// Splits on `;` outside quotes.
fn split_params(value: &str) -> Vec<&str> {
    let mut params = Vec::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                params.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    params.push(&value[start..]);
    params
}

fn unquote(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) else {
        return value.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn file_names_from_every_form_of_the_header() {
        let cases = [
            ("attachment; filename=report.xlsx", Some("report.xlsx")),
            (r#"attachment; filename="bill 42.pdf""#, Some("bill 42.pdf")),
            (
                r#"attachment; filename="a \"quoted\" name.txt""#,
                Some(r#"a "quoted" name.txt"#),
            ),
            (
                r#"attachment; filename="semi;colon.pdf"; size=3"#,
                Some("semi;colon.pdf"),
            ),
            (
                "attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E2%82%AC%20rates.pdf",
                Some("€ rates.pdf"),
            ),
            (
                "attachment; FILENAME*=utf-8'en'na%C3%AFve.txt",
                Some("naïve.txt"),
            ),
            ("attachment; filename=\"../../etc/passwd\"", Some("passwd")),
            // An escaped quote does not end the quoted name, so the `;` after it stays in it.
            (
                r#"attachment; filename="a \"b; c\" d.txt""#,
                Some(r#"a "b; c" d.txt"#),
            ),
            // Outside quotes a backslash escapes nothing: the `;` ends the name.
            (r"attachment; filename=x\;y.txt", None),
            ("attachment; filename=\"..\"", None),
            ("attachment", None),
            ("inline; filename=\"\"", None),
        ];
        for (header, expected) in cases {
            assert_eq!(file_name(header).as_deref(), expected, "{header}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn any_header_gives_a_name_without_separators_or_nothing(header in ".{0,80}") {
            if let Some(name) = file_name(&header) {
                prop_assert!(!name.is_empty());
                prop_assert!(!name.contains('/') && !name.contains('\\'));
                prop_assert!(name != "." && name != "..");
            }
        }
    }
}
