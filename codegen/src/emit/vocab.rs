//! One enum per vocabulary, and the `Vocabulary` enum that names them.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{doc, ident};
use crate::model::{Taxonomy, VocabValue, Vocabulary, to_ident};

pub fn emit(taxonomy: &Taxonomy) -> TokenStream {
    let enums = taxonomy.vocabularies.iter().map(emit_one);
    let names = vocabulary_enum(&taxonomy.vocabularies);
    quote! {
        #(#enums)*
        #names
    }
}

/// The variant of `Vocabulary` that names a vocabulary, e.g. `Retry`.
fn tag(vocabulary: &Vocabulary) -> Ident {
    ident(&to_ident(&vocabulary.name))
}

fn vocabulary_enum(vocabularies: &[Vocabulary]) -> TokenStream {
    let tags: Vec<Ident> = vocabularies.iter().map(tag).collect();
    let tag_docs = vocabularies.iter().map(|v| {
        doc(&format!(
            "`{}`: [`{}`](crate::{}).",
            v.name, v.type_name, v.type_name
        ))
    });
    let names = vocabularies.iter().map(|v| v.name.as_str());
    let types = vocabularies.iter().map(|v| v.type_name.as_str());
    let docs = vocabularies.iter().map(|v| v.doc.as_str());
    let count = Literal::usize_unsuffixed(tags.len());
    let lists = vocabulary_lists(vocabularies, &tags);
    quote! {
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
        }

        #lists
    }
}

/// The values of each vocabulary, and the key of the number some of them carry.
fn vocabulary_lists(vocabularies: &[Vocabulary], tags: &[Ident]) -> TokenStream {
    let values = vocabularies.iter().map(|v| {
        let values = v.values.iter().map(|value| value.value.as_str());
        quote!(&[#(#values),*])
    });
    let keys = vocabularies.iter().map(|v| match &v.parameter {
        Some(p) => {
            let key = p.key.as_str();
            quote!(Some(#key))
        }
        None => quote!(None),
    });
    quote! {
        impl Vocabulary {
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
    let definition = definition(vocabulary);
    let all = all(vocabulary);
    let as_str = as_str(vocabulary);
    let parameter = parameter(vocabulary);
    let term = term(vocabulary);
    let prefixes = prefixes(vocabulary);
    quote! {
        #definition

        impl #name {
            #all
            #as_str
            #parameter
            #term
            #prefixes
        }

        crate::impl_vocabulary_traits!(#name);
    }
}

/// A doc example: the first value without a number, its wire name and its words.
fn example(vocabulary: &Vocabulary) -> Option<String> {
    let value = vocabulary.values.iter().find(|v| v.field.is_none())?;
    let ty = &vocabulary.type_name;
    let all = if vocabulary.values.iter().all(|v| v.field.is_none()) {
        format!("\nassert!({ty}::ALL.contains(&value));")
    } else {
        String::new()
    };
    Some(format!(
        "```\nuse error_taxonomy::{ty};\n\nlet value = {ty}::{variant};\n\
         assert_eq!(value.as_str(), {name:?});\nassert_eq!(value.to_string(), {name:?});\n\
         assert_eq!(value.term().to_string(), {text:?});{all}\n```",
        variant = value.ident,
        name = value.value,
        text = value.text,
    ))
}

fn definition(vocabulary: &Vocabulary) -> TokenStream {
    let name = ident(&vocabulary.type_name);
    let mut paragraphs = vec![vocabulary.doc.clone()];
    paragraphs.extend(example(vocabulary));
    let type_doc = super::docs(&paragraphs);
    let variants = vocabulary.values.iter().map(|value| {
        let variant = ident(&value.ident);
        let value_doc = doc(&value.doc);
        let Some(field) = &value.field else {
            return quote! { #value_doc #variant, };
        };
        let field = ident(field);
        let field_doc = doc(value.field_doc.as_deref().unwrap_or_default());
        let ty = if value.optional_field {
            quote!(Option<u32>)
        } else {
            quote!(u32)
        };
        quote! { #value_doc #variant { #field_doc #field: #ty }, }
    });
    quote! {
        #type_doc
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum #name { #(#variants)* }
    }
}

/// `ALL`, for a vocabulary whose values carry no number.
fn all(vocabulary: &Vocabulary) -> Option<TokenStream> {
    if vocabulary.values.iter().any(|v| v.field.is_some()) {
        return None;
    }
    let variants = vocabulary.values.iter().map(|v| ident(&v.ident));
    let count = Literal::usize_unsuffixed(vocabulary.values.len());
    Some(quote! {
        /// Every value, in the order of `taxonomy/taxonomy.yaml`.
        pub const ALL: [Self; #count] = [#(Self::#variants),*];
    })
}

/// The pattern that matches a value, its number or not.
fn pattern(value: &VocabValue) -> TokenStream {
    let variant = ident(&value.ident);
    if value.field.is_some() {
        quote!(Self::#variant { .. })
    } else {
        quote!(Self::#variant)
    }
}

fn as_str(vocabulary: &Vocabulary) -> TokenStream {
    let arms = vocabulary.values.iter().map(|value| {
        let pattern = pattern(value);
        let wire = value.value.as_str();
        quote! { #pattern => #wire, }
    });
    let list: Vec<String> = vocabulary
        .values
        .iter()
        .map(|v| format!("`{}`", v.value))
        .collect();
    let as_str_doc = doc(&format!("The wire name: {}.", list.join(", ")));
    quote! {
        #as_str_doc
        #[must_use]
        pub const fn as_str(self) -> &'static str {
            match self { #(#arms)* }
        }
    }
}

/// The accessor of the number some values carry, e.g. `delay_secs`.
fn parameter(vocabulary: &Vocabulary) -> Option<TokenStream> {
    let p = vocabulary.parameter.as_ref()?;
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
    Some(quote! {
        #parameter_doc
        #[must_use]
        pub const fn #accessor(self) -> Option<u32> {
            match self { #(#arms)* _ => None }
        }
    })
}

/// `term`: the value with its words and number, as `crate::Term`.
fn term(vocabulary: &Vocabulary) -> TokenStream {
    let tag = tag(vocabulary);
    let new = |wire: &str, text: &str, number: TokenStream| quote!(crate::Term::new(crate::Vocabulary::#tag, #wire, #text, #number));
    let arms = vocabulary.values.iter().map(|value| {
        let variant = ident(&value.ident);
        let wire = value.value.as_str();
        match (&value.field, value.optional_field) {
            (None, _) => {
                let term = new(wire, value.text_for(false), quote!(None));
                quote! { Self::#variant => #term, }
            }
            (Some(field), false) => {
                let field = ident(field);
                let text = value.text_for(true);
                let term = new(wire, text, quote!(Some(#field)));
                quote! { Self::#variant { #field } => #term, }
            }
            (Some(field), true) => {
                let field = ident(field);
                let some = new(wire, value.text_for(true), quote!(Some(n)));
                let none = new(wire, value.text_for(false), quote!(None));
                quote! {
                    Self::#variant { #field: Some(n) } => #some,
                    Self::#variant { #field: None } => #none,
                }
            }
        }
    });
    quote! {
        /// The value as a term of its vocabulary: its wire name, its words and its number.
        #[must_use]
        pub const fn term(self) -> crate::Term {
            match self { #(#arms)* }
        }
    }
}

/// `prefix` and `of_code`, for a vocabulary that is a naming rule.
fn prefixes(vocabulary: &Vocabulary) -> Option<TokenStream> {
    if !vocabulary.has_prefixes() {
        return None;
    }
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
    Some(quote! {
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
    })
}
