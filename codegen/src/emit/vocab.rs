//! One enum per vocabulary, and the `Vocabulary` enum that names them.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{doc, ident};
use crate::model::{Taxonomy, Vocabulary};

pub fn emit(taxonomy: &Taxonomy) -> TokenStream {
    let enums = taxonomy.vocabularies.iter().map(emit_one);
    let tags: Vec<_> = taxonomy
        .vocabularies
        .iter()
        .map(|v| ident(&crate::model::to_ident(&v.name)))
        .collect();
    let names = taxonomy.vocabularies.iter().map(|v| v.name.as_str());
    let types = taxonomy.vocabularies.iter().map(|v| v.type_name.as_str());
    let tag_docs = taxonomy.vocabularies.iter().map(|v| {
        doc(&format!(
            "`{}`: [`{}`](crate::{}).",
            v.name, v.type_name, v.type_name
        ))
    });
    let docs = taxonomy.vocabularies.iter().map(|v| v.doc.as_str());
    let values = taxonomy.vocabularies.iter().map(|v| {
        let values = v.values.iter().map(|value| value.value.as_str());
        quote!(&[#(#values),*])
    });
    let keys = taxonomy.vocabularies.iter().map(|v| match &v.parameter {
        Some(p) => {
            let key = p.key.as_str();
            quote!(Some(#key))
        }
        None => quote!(None),
    });
    let count = Literal::usize_unsuffixed(tags.len());
    quote! {
        #(#enums)*

        /// A vocabulary of the taxonomy: the closed set of values one kind of column takes.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum Vocabulary {
            #(#tag_docs #tags,)*
        }

        impl Vocabulary {
            /// Every vocabulary, in the order of `taxonomy/taxonomy.yaml`.
            pub const ALL: [Self; #count] = [#(Self::#tags),*];

            /// Its name, which columns use as their type, e.g. `retry`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { #(Self::#tags => #names,)* }
            }

            /// The name of its Rust type, e.g. `RetryClass`.
            #[must_use]
            pub const fn type_name(self) -> &'static str {
                match self { #(Self::#tags => #types,)* }
            }

            /// What its values say.
            #[must_use]
            pub const fn doc(self) -> &'static str {
                match self { #(Self::#tags => #docs,)* }
            }

            /// The wire names of its values.
            #[must_use]
            pub const fn values(self) -> &'static [&'static str] {
                match self { #(Self::#tags => #values,)* }
            }

            /// The suffix of the row key of the number some values carry: a table's YAML and a
            /// code's card say `<column>_<key>`.
            #[must_use]
            pub const fn parameter_key(self) -> Option<&'static str> {
                match self { #(Self::#tags => #keys,)* }
            }
        }
    }
}

fn emit_one(vocabulary: &Vocabulary) -> TokenStream {
    let name = ident(&vocabulary.type_name);
    let tag = ident(&crate::model::to_ident(&vocabulary.name));
    let type_doc = doc(&vocabulary.doc);
    let variants = vocabulary.values.iter().map(|value| {
        let variant = ident(&value.ident);
        let value_doc = doc(&value.doc);
        match &value.field {
            None => quote! { #value_doc #variant, },
            Some(field) => {
                let field = ident(field);
                let field_doc = doc(value.field_doc.as_deref().unwrap_or_default());
                let ty = if value.optional_field {
                    quote!(Option<u32>)
                } else {
                    quote!(u32)
                };
                quote! { #value_doc #variant { #field_doc #field: #ty }, }
            }
        }
    });
    let pattern = |value: &crate::model::VocabValue| {
        let variant = ident(&value.ident);
        if value.field.is_some() {
            quote!(Self::#variant { .. })
        } else {
            quote!(Self::#variant)
        }
    };
    let wire = vocabulary.values.iter().map(|value| {
        let pattern = pattern(value);
        let wire = value.value.as_str();
        quote! { #pattern => #wire, }
    });
    let wire_list = vocabulary
        .values
        .iter()
        .map(|v| format!("`{}`", v.value))
        .collect::<Vec<_>>()
        .join(", ");
    let as_str_doc = doc(&format!("The wire name: {wire_list}."));
    let all = vocabulary
        .values
        .iter()
        .all(|v| v.field.is_none())
        .then(|| {
            let variants = vocabulary.values.iter().map(|v| ident(&v.ident));
            let count = Literal::usize_unsuffixed(vocabulary.values.len());
            quote! {
                /// Every value, in the order of `taxonomy/taxonomy.yaml`.
                pub const ALL: [Self; #count] = [#(Self::#variants),*];
            }
        });
    let parameter = vocabulary.parameter.as_ref().map(|p| {
        let accessor = ident(&p.accessor);
        let parameter_doc = doc(&p.doc);
        let arms = vocabulary.values.iter().filter_map(|value| {
            let field = ident(value.field.as_ref()?);
            let variant = ident(&value.ident);
            Some(if value.optional_field {
                quote! { Self::#variant { #field } => #field, }
            } else {
                quote! { Self::#variant { #field } => Some(#field), }
            })
        });
        quote! {
            #parameter_doc
            #[must_use]
            pub const fn #accessor(self) -> Option<u32> {
                match self { #(#arms)* _ => None }
            }
        }
    });
    let terms = vocabulary.values.iter().map(|value| {
        let variant = ident(&value.ident);
        let text = value.text.as_str();
        let wire = value.value.as_str();
        match (&value.field, value.optional_field) {
            (None, _) => quote! {
                Self::#variant => crate::Term::new(crate::Vocabulary::#tag, #wire, #text, None),
            },
            (Some(field), false) => {
                let field = ident(field);
                quote! {
                    Self::#variant { #field } => crate::Term::new(crate::Vocabulary::#tag, #wire, #text, Some(#field)),
                }
            }
            (Some(field), true) => {
                let field = ident(field);
                let with = value.text_with_field.as_deref().unwrap_or_default();
                quote! {
                    Self::#variant { #field: Some(n) } => crate::Term::new(crate::Vocabulary::#tag, #wire, #with, Some(n)),
                    Self::#variant { #field: None } => crate::Term::new(crate::Vocabulary::#tag, #wire, #text, None),
                }
            }
        }
    });
    let prefixes = vocabulary.has_prefixes().then(|| {
        let arms = vocabulary.values.iter().map(|value| {
            let variant = ident(&value.ident);
            match &value.prefix {
                Some(prefix) => quote! { Self::#variant => Some(#prefix), },
                None => quote! { Self::#variant => None, },
            }
        });
        let tests = vocabulary.values.iter().filter_map(|value| {
            let prefix = value.prefix.as_deref()?;
            let variant = ident(&value.ident);
            Some(quote! { if code.starts_with(#prefix) { return Self::#variant; } })
        });
        let default = vocabulary
            .values
            .iter()
            .find(|v| v.default)
            .map(|v| ident(&v.ident));
        quote! {
            /// The prefix of the codes that have this value; `None` for the default.
            #[must_use]
            pub const fn prefix(self) -> Option<&'static str> {
                match self { #(#arms)* }
            }

            /// The value a code has by its prefix, known code or not; the default when it has none.
            #[must_use]
            pub fn of_code(code: &str) -> Self {
                #(#tests)*
                Self::#default
            }
        }
    });
    quote! {
        #type_doc
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum #name { #(#variants)* }

        impl #name {
            #all

            #as_str_doc
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { #(#wire)* }
            }

            #parameter

            /// The value as a term of its vocabulary: its wire name, its words and its number.
            #[must_use]
            pub const fn term(self) -> crate::Term {
                match self { #(#terms)* }
            }

            #prefixes
        }

        crate::impl_vocabulary_traits!(#name);
    }
}
