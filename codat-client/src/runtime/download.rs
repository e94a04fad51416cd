//! Binary responses (files, PDFs, spreadsheets): read as a stream of chunks, in bounded memory,
//! or whole.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, BoxStream, StreamExt};
use reqwest::header::{HeaderMap, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};

use crate::Error;

/// A successful binary response whose body has not been read yet.
///
/// Read it with [`Download::chunk`] or [`Download::into_stream`] (bounded memory, for large
/// files) or [`Download::bytes`] (the whole body). A body that ends before the length the
/// server announced is an error, never a short file taken as whole.
///
/// Timeouts: the client's per-attempt and total timeouts bound the call until the response's
/// head arrives. The body then takes as long as it needs while bytes keep coming: only a
/// silence longer than the per-attempt timeout between two chunks ends it, with
/// [`Error::Timeout`]. Lower that bound for a download with
/// [`Codat::with_timeout`](crate::Codat::with_timeout).
pub struct Download {
    status: u16,
    headers: HeaderMap,
    response: reqwest::Response,
    idle: Duration,
}

impl Download {
    pub(crate) fn new(response: reqwest::Response, idle: Duration) -> Download {
        Download {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            response,
            idle,
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

    /// The next chunk of the body; `None` at its end. Waiting longer than the per-attempt
    /// timeout for it is [`Error::Timeout`].
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        match tokio::time::timeout(self.idle, self.response.chunk()).await {
            Ok(chunk) => chunk.map_err(Error::from_reqwest),
            Err(_) => Err(Error::Timeout {
                source: None,
                idempotency_key: None,
            }),
        }
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

    /// Writes the body to `writer` chunk by chunk, in bounded memory, and flushes it; returns
    /// the number of bytes written. A body cut short is an error, and what was written of it
    /// stays in `writer`: use [`save_to`](Self::save_to) to never leave a short file.
    pub async fn write_to<W>(mut self, writer: &mut W) -> Result<u64, Error>
    where
        W: tokio::io::AsyncWrite + Unpin + ?Sized,
    {
        use tokio::io::AsyncWriteExt;
        let io = |source| Error::Save { path: None, source };
        let mut written = 0u64;
        while let Some(chunk) = self.chunk().await? {
            writer.write_all(&chunk).await.map_err(io)?;
            written = written.saturating_add(chunk.len() as u64);
        }
        writer.flush().await.map_err(io)?;
        Ok(written)
    }

    /// Saves the body at `path`: written to a temporary file beside it, synced, then renamed
    /// over `path` once the whole body has come, so that a download cut short never replaces
    /// a good file there (the temporary file is removed). Returns the number of bytes saved.
    ///
    /// ```no_run
    /// # async fn run(download: codat_client::Download) -> Result<(), codat_client::Error> {
    /// let name = download.file_name().unwrap_or_else(|| "report.xlsx".into());
    /// let bytes = download.save_to(std::path::Path::new("reports").join(name)).await?;
    /// println!("{bytes} bytes saved");
    /// # Ok(()) }
    /// ```
    pub async fn save_to(self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let path = path.as_ref();
        let fail = |source| Error::Save {
            path: Some(path.to_owned()),
            source,
        };
        let temporary = temporary_beside(path);
        let mut file = tokio::fs::File::create(&temporary).await.map_err(fail)?;
        let result = match self.write_to(&mut file).await {
            Ok(written) => file.sync_all().await.map(|()| written).map_err(fail),
            Err(Error::Save { source, .. }) => Err(fail(source)),
            Err(other) => Err(other),
        };
        drop(file);
        let result = match result {
            Ok(written) => tokio::fs::rename(&temporary, path)
                .await
                .map(|()| written)
                .map_err(fail),
            Err(err) => Err(err),
        };
        if result.is_err() {
            let _ = tokio::fs::remove_file(&temporary).await;
        }
        result
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

/// A name for a temporary file in the folder of `path`, hidden and unlikely to collide.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "download".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{:016x}.part", fastrand::u64(..)))
}

/// The file name in a `Content-Disposition` value: `filename*=UTF-8''...` (percent-decoded)
/// when present, else `filename=` (quoted or not), made safe to join to a folder on Linux,
/// macOS and Windows alike: only the part after the last `/`, `\\` or `:` is kept (so no
/// directory, drive such as `C:` or stream name survives), control characters and the
/// characters Windows forbids (`<>"|?*`) become `_`, trailing dots and spaces go, and a
/// name Windows reserves for a device (`CON`, `nul.txt`, `COM1`, ...) gets a leading `_`.
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
    safe_file_name(name.rsplit(['/', '\\', ':']).next().unwrap_or_default())
}

/// `name` as a file name any common file system takes as a plain name in a folder, or `None`
/// when nothing usable is left.
fn safe_file_name(name: &str) -> Option<String> {
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | '"' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    // Windows drops trailing dots and spaces, which would turn `a.exe.` into `a.exe`.
    let name = name.trim_end_matches(['.', ' ']).trim_start_matches(' ');
    if name.is_empty() {
        return None;
    }
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    if is_windows_device(stem) {
        return Some(format!("_{name}"));
    }
    Some(name.to_owned())
}

/// Whether Windows reserves `stem` (the name before its first dot) for a device.
fn is_windows_device(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    match upper.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => upper
            .strip_prefix("COM")
            .or_else(|| upper.strip_prefix("LPT"))
            .is_some_and(|digit| {
                matches!(
                    digit,
                    "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
                )
            }),
    }
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
                Some("a _quoted_ name.txt"),
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
            // Drives, streams and devices, which Windows reads as more than a name.
            ("attachment; filename=C:evil.exe", Some("evil.exe")),
            (
                "attachment; filename*=UTF-8''D%3Apayload.dll",
                Some("payload.dll"),
            ),
            (
                r#"attachment; filename="C:\\Windows\\win.ini""#,
                Some("win.ini"),
            ),
            ("attachment; filename=report.pdf:hidden", Some("hidden")),
            ("attachment; filename=CON", Some("_CON")),
            ("attachment; filename=nul.txt", Some("_nul.txt")),
            (
                "attachment; filename=\"com1 .tar.gz\"",
                Some("_com1 .tar.gz"),
            ),
            ("attachment; filename=LPT9", Some("_LPT9")),
            ("attachment; filename=COM10", Some("COM10")),
            ("attachment; filename=CONSOLE.txt", Some("CONSOLE.txt")),
            (
                "attachment; filename=\"a<b>c|d?e*f.txt\"",
                Some("a_b_c_d_e_f.txt"),
            ),
            ("attachment; filename=\"evil.exe. . \"", Some("evil.exe")),
            (
                "attachment; filename=\"tab\there.txt\"",
                Some("tab_here.txt"),
            ),
            ("attachment; filename=\" . \"", None),
            ("attachment; filename=C:", None),
            // An escaped quote does not end the quoted name, so the `;` after it stays in it.
            (
                r#"attachment; filename="a \"b; c\" d.txt""#,
                Some("a _b; c_ d.txt"),
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
                prop_assert!(!name.contains(['/', '\\', ':', '<', '>', '"', '|', '?', '*']));
                prop_assert!(!name.chars().any(char::is_control));
                prop_assert!(!name.ends_with(['.', ' ']));
                let stem = name.split('.').next().unwrap_or_default().trim_end();
                prop_assert!(!is_windows_device(stem), "{name}");
            }
        }

        #[test]
        fn device_names_are_never_left_as_they_are(
            device in prop_oneof![Just("con"), Just("PRN"), Just("Aux"), Just("nul"), Just("COM3"), Just("lpt1")],
            extension in "(\\.[a-z]{1,4}){0,2}",
        ) {
            let header = format!("attachment; filename={device}{extension}");
            let name = file_name(&header).unwrap();
            prop_assert_eq!(name, format!("_{device}{extension}"));
        }
    }
}
