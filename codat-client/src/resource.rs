//! The resource types through which a `Codat` exposes each API area's operations.

/// Declares a resource type that borrows a `Codat`, its accessor on `Codat`, and its
/// `Resource` implementation, so that each resource file holds declarations only.
macro_rules! resource {
    ($(#[$meta:meta])* $name:ident, $accessor:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name<'a> {
            codat: &'a $crate::Codat,
        }

        impl $crate::Codat {
            $(#[$meta])*
            pub fn $accessor(&self) -> $name<'_> {
                $name { codat: self }
            }
        }

        impl $crate::Resource for $name<'_> {
            fn codat(&self) -> &$crate::Codat {
                self.codat
            }
        }
    };
}
pub(crate) use resource;
