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
                call: None,
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

    /// A one-connection server on 127.0.0.1 that reads the request head, then writes each
    /// part after its delay, then closes (or, with `hold`, keeps the connection open silently).
    async fn serve(parts: Vec<(Duration, Vec<u8>)>, hold: bool) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/file", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buf).await.unwrap();
                head.extend_from_slice(&buf[..n]);
            }
            for (delay, part) in parts {
                tokio::time::sleep(delay).await;
                stream.write_all(&part).await.unwrap();
            }
            if hold {
                tokio::time::sleep(Duration::from_secs(30)).await;
            }
        });
        url
    }

    fn head(length: usize) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/pdf\r\ncontent-length: {length}\r\n\r\n"
        )
        .into_bytes()
    }

    async fn download(parts: Vec<(Duration, Vec<u8>)>, hold: bool, idle: Duration) -> Download {
        let url = serve(parts, hold).await;
        Download::new(reqwest::get(url).await.unwrap(), idle)
    }

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codat-download-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    const WAIT: Duration = Duration::from_millis(20);

    #[tokio::test]
    async fn save_to_replaces_the_file_only_with_a_whole_body() {
        let dir = folder("save");
        let path = dir.join("report.pdf");
        std::fs::write(&path, b"the good copy").unwrap();

        // Cut after 4 of 9 bytes: an error, the good copy stays, nothing left beside it.
        let cut = download(
            vec![(WAIT, head(9)), (WAIT, b"half".to_vec())],
            false,
            WAIT * 50,
        );
        let err = cut.await.save_to(&path).await.unwrap_err();
        assert!(!matches!(err, Error::Save { .. }), "{err:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"the good copy");
        assert_eq!(entries(&dir), ["report.pdf"]);

        // Two chunks that make the whole body replace it.
        let parts = vec![
            (WAIT, head(9)),
            (WAIT, b"new ".to_vec()),
            (WAIT, b"copy!".to_vec()),
        ];
        let whole = download(parts, false, WAIT * 50).await;
        assert_eq!(whole.save_to(&path).await.unwrap(), 9);
        assert_eq!(std::fs::read(&path).unwrap(), b"new copy!");
        assert_eq!(entries(&dir), ["report.pdf"]);

        // A folder that is not there: a Save error naming the path, nothing written.
        let missing = dir.join("missing").join("report.pdf");
        let parts = vec![(WAIT, head(3)), (WAIT, b"abc".to_vec())];
        let err = download(parts, false, WAIT * 50)
            .await
            .save_to(&missing)
            .await
            .unwrap_err();
        match err {
            Error::Save { path: Some(p), .. } => assert_eq!(p, missing),
            other => panic!("{other:?}"),
        }
        assert_eq!(entries(&dir), ["report.pdf"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn write_to_counts_and_flushes_every_chunk() {
        let parts = vec![
            (WAIT, head(7)),
            (WAIT, b"abc".to_vec()),
            (WAIT, b"defg".to_vec()),
        ];
        let body = download(parts, false, WAIT * 50).await;
        let mut out = Vec::new();
        assert_eq!(body.write_to(&mut out).await.unwrap(), 7);
        assert_eq!(out, b"abcdefg");
    }

    #[tokio::test]
    async fn a_silence_between_chunks_longer_than_the_idle_bound_is_a_timeout() {
        // Each chunk comes within the bound, the whole takes longer than it.
        let idle = Duration::from_secs(1);
        let parts = vec![
            (WAIT, head(6)),
            (idle * 2 / 5, b"ab".to_vec()),
            (idle * 2 / 5, b"cd".to_vec()),
            (idle * 2 / 5, b"ef".to_vec()),
        ];
        let slow = download(parts, false, idle).await;
        assert_eq!(&slow.bytes().await.unwrap()[..], b"abcdef");

        // Then a silence past it.
        let parts = vec![(WAIT, head(6)), (WAIT, b"ab".to_vec())];
        let mut stalled = download(parts, true, idle).await;
        assert_eq!(&stalled.chunk().await.unwrap().unwrap()[..], b"ab");
        let err = stalled.chunk().await.unwrap_err();
        assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    }

    #[tokio::test]
    async fn the_client_timeout_bounds_a_download_to_its_head_and_a_json_call_to_its_end() {
        use crate::runtime::request::{execute, execute_download, Method, Operation, PathPart};
        use crate::runtime::request::{Request, ResponseKind};
        static FILE: Operation = Operation {
            name: "download_file",
            method: Method::Get,
            template: "/file",
            path: &[PathPart::Literal("/file")],
            response: ResponseKind::Binary,
            ..Operation::DEFAULTS
        };
        static JSON: Operation = Operation {
            response: ResponseKind::Json,
            ..FILE
        };
        let timeout = Duration::from_millis(600);
        // The same bounds hold for a client with a hook, whose requests take another path.
        struct Quiet;
        impl crate::hooks::Hook for Quiet {}
        for hooked in [false, true] {
            let client = |url: &str| {
                let builder = crate::Codat::builder()
                    .api_key("k")
                    .base_url(url.trim_end_matches("/file"))
                    .timeout(timeout)
                    .retry_policy(crate::RetryPolicy::disabled());
                let builder = if hooked { builder.hook(Quiet) } else { builder };
                builder.build().unwrap()
            };
            // Three chunks 250 ms apart: 750 ms in all, past the timeout, each well within it.
            let slow = |body: &[u8]| {
                let mut parts = vec![(WAIT, head(body.len()))];
                for piece in body.chunks(body.len().div_ceil(3)) {
                    parts.push((timeout * 5 / 12, piece.to_vec()));
                }
                parts
            };
            let url = serve(slow(b"abcdef"), false).await;
            let file = execute_download(&client(&url), Request::new(&FILE, &[])).await;
            assert_eq!(&file.unwrap().bytes().await.unwrap()[..], b"abcdef");

            let url = serve(slow(b"[1,2,3]"), false).await;
            let err = execute::<Vec<u8>>(&client(&url), Request::new(&JSON, &[]))
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Timeout { .. }), "{hooked}: {err:?}");

            // A download's head later than the timeout.
            let url = serve(vec![(timeout * 2, head(1)), (WAIT, b"a".to_vec())], false).await;
            let err = execute_download(&client(&url), Request::new(&FILE, &[]))
                .await
                .unwrap_err();
            assert!(matches!(err, Error::Timeout { .. }), "{hooked}: {err:?}");
        }
    }

    #[test]
    fn temporary_files_are_hidden_beside_the_target_and_differ() {
        let target = Path::new("/reports/2024/summary.xlsx");
        let (a, b) = (temporary_beside(target), temporary_beside(target));
        assert_ne!(a, b);
        for t in [&a, &b] {
            assert_eq!(t.parent(), target.parent());
            let name = t.file_name().unwrap().to_str().unwrap();
            assert!(
                name.starts_with(".summary.xlsx.") && name.ends_with(".part"),
                "{name}"
            );
            assert_eq!(
                name.len(),
                ".summary.xlsx.".len() + 16 + ".part".len(),
                "{name}"
            );
        }
        let bare = temporary_beside(Path::new("/"));
        let name = bare.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with(".download."), "{name}");
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
