//! Files sent as `multipart/form-data`, built from bytes, a file on disk, or any async reader.

use std::fmt;
use std::path::PathBuf;
use std::sync::Mutex;

use bytes::{Bytes, BytesMut};
use futures_util::stream;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::Error;

/// Read from a reader this many bytes at a time: memory stays bounded whatever the file size.
const CHUNK: usize = 64 * 1024;

/// A file to upload as the part of a multipart request, with its file name and content type.
///
/// Bytes and files on disk can be sent again when an attempt is retried; a reader is read
/// once, so a call whose first attempt fails after it started is not retried, and its error
/// says so ([`Error::UploadNotReplayable`]).
///
/// ```
/// use codat_client::Upload;
///
/// let invoice = Upload::from_bytes(&b"%PDF-1.7 ..."[..])
///     .file_name("invoice-42.pdf")
///     .content_type("application/pdf");
/// assert_eq!(invoice.len(), Some(12));
/// ```
pub struct Upload {
    file_name: Option<String>,
    content_type: Option<String>,
    source: Source,
}

enum Source {
    Bytes(Bytes),
    /// Opened again for every attempt.
    Path(PathBuf),
    /// Taken by the first attempt.
    Reader(Mutex<Option<Box<dyn AsyncRead + Send + Unpin>>>),
}

impl Upload {
    /// An upload of bytes in memory.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Upload {
        Upload::new(Source::Bytes(bytes.into()))
    }

    /// An upload of a file, streamed from disk (opened when sent, and again for a retry). Its
    /// file name is the path's, unless set.
    pub fn from_path(path: impl Into<PathBuf>) -> Upload {
        let path = path.into();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Upload {
            file_name: name,
            ..Upload::new(Source::Path(path))
        }
    }

    /// An upload streamed from `reader`, read once.
    pub fn from_reader(reader: impl AsyncRead + Send + Unpin + 'static) -> Upload {
        Upload::new(Source::Reader(Mutex::new(Some(Box::new(reader)))))
    }

    fn new(source: Source) -> Upload {
        Upload {
            file_name: None,
            content_type: None,
            source,
        }
    }

    /// The file name sent with the part.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's content type (`application/octet-stream` unless set).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The size in bytes, when known before sending.
    pub fn len(&self) -> Option<u64> {
        match &self.source {
            Source::Bytes(bytes) => Some(bytes.len() as u64),
            Source::Path(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            Source::Reader(_) => None,
        }
    }

    /// Whether the upload is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// Whether a retry can send it again.
    pub fn is_replayable(&self) -> bool {
        !matches!(self.source, Source::Reader(_))
    }

    /// The multipart part for one attempt.
    pub(crate) async fn part(&self) -> Result<reqwest::multipart::Part, Error> {
        let part = match &self.source {
            Source::Bytes(bytes) => reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(bytes.clone()),
                bytes.len() as u64,
            ),
            Source::Path(path) => {
                let file = tokio::fs::File::open(path)
                    .await
                    .map_err(|source| Error::Upload { source })?;
                let length = file
                    .metadata()
                    .await
                    .map_err(|source| Error::Upload { source })?
                    .len();
                reqwest::multipart::Part::stream_with_length(body_of(file), length)
            }
            Source::Reader(reader) => {
                let reader = reader
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .take()
                    .ok_or(Error::Upload {
                        source: std::io::Error::other("the upload's reader was already read"),
                    })?;
                reqwest::multipart::Part::stream(body_of(reader))
            }
        };
        let part = part.file_name(self.file_name.clone().unwrap_or_else(|| "file".into()));
        part.mime_str(
            self.content_type
                .as_deref()
                .unwrap_or("application/octet-stream"),
        )
        .map_err(|_| Error::config("the upload's content type is not a valid MIME type"))
    }
}

/// A request body that reads `reader` a chunk at a time.
fn body_of(reader: impl AsyncRead + Send + Unpin + 'static) -> reqwest::Body {
    let chunks = stream::unfold(Some(reader), |reader| async move {
        let mut reader = reader?;
        let mut buf = BytesMut::with_capacity(CHUNK);
        match reader.read_buf(&mut buf).await {
            Ok(0) => None,
            Ok(_) => Some((Ok(buf.freeze()), Some(reader))),
            Err(err) => Some((Err(err), None)),
        }
    });
    reqwest::Body::wrap_stream(chunks)
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Bytes(bytes) => format!("{} bytes", bytes.len()),
            Source::Path(path) => format!("file {}", path.display()),
            Source::Reader(_) => "a reader".to_owned(),
        };
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("source", &source)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_replay_as_the_source_allows() {
        assert_eq!(Upload::from_bytes(&b"12345"[..]).len(), Some(5));
        assert!(Upload::from_bytes(Bytes::new()).is_empty());
        let file = std::env::temp_dir().join(format!("codat-rs-len-{}.bin", std::process::id()));
        std::fs::write(&file, [7u8; 42]).unwrap();
        let upload = Upload::from_path(&file);
        assert_eq!((upload.len(), upload.is_replayable()), (Some(42), true));
        std::fs::remove_file(&file).unwrap();
        let reader = Upload::from_reader(std::io::Cursor::new(vec![1u8; 3]));
        assert_eq!((reader.len(), reader.is_empty()), (None, false));
        assert!(!reader.is_replayable());
        let debug = format!("{:?}", Upload::from_bytes(&b"abc"[..]).file_name("a.pdf"));
        assert!(
            debug.contains("3 bytes") && debug.contains("a.pdf"),
            "{debug}"
        );
    }
}
