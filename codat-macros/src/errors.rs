//! Collects every mistake of a declaration so that one compile reports them all. Every
//! other module reports into it; it depends on none of them.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Every error found so far, reported together.
#[derive(Default)]
pub(crate) struct Errors {
    all: Option<syn::Error>,
}

impl Errors {
    pub(crate) fn push(&mut self, err: syn::Error) {
        match &mut self.all {
            Some(all) => all.combine(err),
            None => self.all = Some(err),
        }
    }

    pub(crate) fn error(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    pub(crate) fn error_spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// `Err` with every collected error, or `Ok` when there was none.
    pub(crate) fn finish(self) -> Result<(), syn::Error> {
        match self.all {
            Some(all) => Err(all),
            None => Ok(()),
        }
    }
}
