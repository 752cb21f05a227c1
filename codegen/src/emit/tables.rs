//! The items that span every table: the `Facts` trait and `FACTS`, `Table`, `AnyCode`,
//! `MAX_CODE_LEN`, the modules that have no hand-written part, and `for_every_table!`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::{column_type, doc, ident, table_path};
use crate::model::{Column, Taxonomy, Type, to_ident};

pub fn emit(taxonomy: &Taxonomy) -> TokenStream {
    let facts = facts_trait(taxonomy);
    let table = table_enum(taxonomy);
    let table_names = table_names(taxonomy);
    let table_codes = table_codes(taxonomy);
    let any = any_code(taxonomy);
    let any_facts = any_facts(taxonomy);
    let max_len = Literal::usize_unsuffixed(taxonomy.max_code_len());
    quote! {
        #facts
        #table
        #table_names
        #table_codes
        #any
        #any_facts

        /// The length in bytes of the longest code of any table.
        pub const MAX_CODE_LEN: usize = #max_len;
    }
}

/// The doc of a shared fact's method.
fn fact_doc(fact: &Column) -> TokenStream {
    doc(&format!(
        "{} `None` where the code's table has no such column.",
        fact.doc
    ))
}

fn facts_trait(taxonomy: &Taxonomy) -> TokenStream {
    let methods = taxonomy.facts.iter().map(|fact| {
        let method = ident(&fact.name);
        let output = ident(&to_ident(&fact.name));
        let ty = column_type(taxonomy, &fact.ty);
        let fact_doc = fact_doc(fact);
        let output_doc = doc(&format!(
            "What [`Facts::{}`] gives: the value itself where every code of the table has one, \
             an `Option` where a code may have none. `.into()` makes an `Option` of either.",
            fact.name
        ));
        quote! {
            #output_doc
            type #output: Into<Option<#ty>> + Copy;
            #fact_doc
            #[must_use]
            fn #method(self) -> Self::#output;
        }
    });
    let descriptors = taxonomy
        .facts
        .iter()
        .map(|fact| super::table::descriptor(taxonomy, fact));
    quote! {
        /// The facts that every code answers for, declared in `taxonomy/taxonomy.yaml`. Each fact
        /// has one type per table: a table's inherent method of the same name gives the same
        /// value with the same type, and generic code turns it into an `Option` with `.into()`
        /// (`None` where the table has no such column). Every [`Code`](crate::Code) has them;
        /// the trait is sealed, so that a new shared fact breaks no implementation outside.
        pub trait Facts: Copy + crate::code::sealed::Sealed {
            #(#methods)*
        }

        /// The facts every code answers for, described, in the order of `taxonomy/taxonomy.yaml`
        /// (see [`Facts`]).
        pub const FACTS: &[crate::Column] = &[#(#descriptors),*];
    }
}

fn tags(taxonomy: &Taxonomy) -> Vec<Ident> {
    taxonomy
        .tables
        .iter()
        .map(|table| ident(&table.tag()))
        .collect()
}

fn table_enum(taxonomy: &Taxonomy) -> TokenStream {
    let tags = tags(taxonomy);
    let table_docs = taxonomy.tables.iter().map(|table| {
        doc(&format!(
            "`{}`: [`{}::{}`](crate::{}::{}), from `{}`.",
            table.key, table.module, table.type_name, table.module, table.type_name, table.file
        ))
    });
    let count = Literal::usize_unsuffixed(tags.len());
    let types: Vec<TokenStream> = taxonomy.tables.iter().map(table_path).collect();
    quote! {
        /// A table of the taxonomy: one YAML file, one code enum.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum Table {
            #(#table_docs #tags,)*
        }

        impl Table {
            /// Every table, in file order.
            pub const ALL: [Self; #count] = [#(Self::#tags),*];
        }

        #[cfg(feature = "schemars")]
        impl Table {
            /// A reference to the schema of the table's type, registering it with `generator`.
            pub(crate) fn subschema_for(self, generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                match self { #(Self::#tags => generator.subschema_for::<#types>(),)* }
            }
        }
    }
}

/// What a table is called, where it comes from and what it says.
fn table_names(taxonomy: &Taxonomy) -> TokenStream {
    let tables = &taxonomy.tables;
    let tags = tags(taxonomy);
    let keys = tables.iter().map(|table| table.key.as_str());
    let modules = tables.iter().map(|table| table.module.as_str());
    let files = tables.iter().map(|table| table.file.as_str());
    let type_names = tables.iter().map(|table| table.tag());
    let docs = tables.iter().map(|table| table.doc.as_str());
    quote! {
        impl Table {
            /// The table's name, `module.name`, e.g. `recall.sub_code`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { #(Self::#tags => #keys,)* }
            }

            /// The module its enum lives in, e.g. `recall`.
            #[must_use]
            pub const fn module(self) -> &'static str {
                match self { #(Self::#tags => #modules,)* }
            }

            /// The YAML file it is generated from, e.g. `taxonomy/recall/sub_codes.yaml`.
            #[must_use]
            pub const fn file(self) -> &'static str {
                match self { #(Self::#tags => #files,)* }
            }

            /// The name of the table's type in schemas and generated SDKs, e.g. `RecallSubCode`.
            #[must_use]
            pub const fn type_name(self) -> &'static str {
                match self { #(Self::#tags => #type_names,)* }
            }

            /// What the table's codes are.
            #[must_use]
            pub const fn doc(self) -> &'static str {
                match self { #(Self::#tags => #docs,)* }
            }
        }
    }
}

/// A table's columns and codes, each delegating to the table's enum.
fn table_codes(taxonomy: &Taxonomy) -> TokenStream {
    let tags = tags(taxonomy);
    let types: Vec<TokenStream> = taxonomy.tables.iter().map(table_path).collect();
    let unknown = taxonomy.tables.iter().zip(&types).map(|(table, ty)| {
        if table.unknown_code.is_some() {
            quote!(Some(#ty::UNKNOWN_CODE))
        } else {
            quote!(None)
        }
    });
    let rules = taxonomy.tables.iter().zip(&types).map(|(table, ty)| {
        if table.unknown_codes.is_some() {
            quote!(#ty::UNKNOWN_RULES)
        } else {
            quote!(&[])
        }
    });
    let codes = table_code_lookup(&tags, &types);
    quote! {
        impl Table {
            /// The table's columns, in the order of its YAML file.
            #[must_use]
            pub const fn columns(self) -> &'static [crate::Column] {
                match self { #(Self::#tags => #types::COLUMNS,)* }
            }

            /// The facts a code this table does not know is given (the table's `unknown_code`),
            /// if it says.
            #[must_use]
            pub const fn unknown_code(self) -> Option<crate::UnknownFacts> {
                match self { #(Self::#tags => #unknown,)* }
            }

            /// The rules that place a code this table does not know (the table's
            /// `unknown_codes`), in the order they are tried; none when it has no such rules.
            #[must_use]
            pub const fn unknown_rules(self) -> &'static [crate::Rule] {
                match self { #(Self::#tags => #rules,)* }
            }
        }

        #codes
    }
}

/// `Table`'s codes, by table: their number, one by index, and one by its wire string.
fn table_code_lookup(tags: &[Ident], types: &[TokenStream]) -> TokenStream {
    quote! {
        impl Table {
            /// The number of codes in the table.
            #[must_use]
            pub const fn len(self) -> usize {
                match self { #(Self::#tags => #types::COUNT,)* }
            }

            /// The table's code at `index`, in file order.
            #[must_use]
            pub fn get(self, index: usize) -> Option<AnyCode> {
                match self {
                    #(Self::#tags => #types::ALL.get(index).map(|code| AnyCode::#tags(*code)),)*
                }
            }

            /// The code of this table whose wire string is exactly `code`.
            #[must_use]
            pub fn from_bytes(self, code: &[u8]) -> Option<AnyCode> {
                match self {
                    #(Self::#tags => <#types as crate::Code>::from_bytes(code).map(AnyCode::#tags),)*
                }
            }

            /// The code of this table whose wire string is `code` in any ASCII casing.
            #[must_use]
            pub fn from_bytes_ignore_ascii_case(self, code: &[u8]) -> Option<AnyCode> {
                match self {
                    #(Self::#tags => <#types as crate::Code>::from_bytes_ignore_ascii_case(code).map(AnyCode::#tags),)*
                }
            }
        }
    }
}

fn any_code(taxonomy: &Taxonomy) -> TokenStream {
    let tables = &taxonomy.tables;
    let tags = tags(taxonomy);
    let types: Vec<TokenStream> = tables.iter().map(table_path).collect();
    let table_docs = tables.iter().map(|table| {
        doc(&format!(
            "A code of `{}`: [`{}::{}`](crate::{}::{}).",
            table.key, table.module, table.type_name, table.module, table.type_name
        ))
    });
    let delegates = any_delegates(taxonomy);
    quote! {
        /// A code of any table.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        pub enum AnyCode {
            #(#table_docs #tags(#types),)*
        }

        impl AnyCode {
            /// The table the code belongs to.
            #[must_use]
            pub const fn table(self) -> Table {
                match self { #(Self::#tags(_) => Table::#tags,)* }
            }

            /// The value of the column at `column` in its table's [`columns`](Table::columns).
            #[must_use]
            pub fn value(self, column: usize) -> Option<crate::Value> {
                match self { #(Self::#tags(code) => crate::Code::value(code, column),)* }
            }

            #(#delegates)*
        }
    }
}

/// The methods of `AnyCode` that each delegate to the `Code` trait.
fn any_delegates(taxonomy: &Taxonomy) -> Vec<TokenStream> {
    let tags = tags(taxonomy);
    let delegates = [
        ("as_str", quote!(&'static str), "The wire string."),
        ("description", quote!(&'static str), "What the code means."),
        (
            "deprecation",
            quote!(Option<&'static str>),
            "The note of a retired code: what to use instead.",
        ),
        (
            "override_note",
            quote!(Option<&'static str>),
            "Why the code overrides what it would inherit, where it does.",
        ),
        (
            "overrides",
            quote!(&'static [&'static str]),
            "The inherited columns the code overrides, by name.",
        ),
    ];
    delegates
        .iter()
        .map(|(method, ty, text)| {
            let method = ident(method);
            let method_doc = doc(text);
            quote! {
                #method_doc
                #[must_use]
                pub fn #method(self) -> #ty {
                    match self { #(Self::#tags(code) => crate::Code::#method(code),)* }
                }
            }
        })
        .collect()
}

/// `AnyCode`'s shared facts: one method per fact, and `fact` by name.
fn any_facts(taxonomy: &Taxonomy) -> TokenStream {
    let tags = tags(taxonomy);
    let methods = taxonomy.facts.iter().map(|fact| {
        let method = ident(&fact.name);
        let ty = column_type(taxonomy, &fact.ty);
        let fact_doc = fact_doc(fact);
        // A table whose codes all have the fact gives the value; the others an `Option`.
        let arms = taxonomy.tables.iter().zip(&tags).map(|(table, tag)| {
            let always = table
                .columns
                .iter()
                .any(|c| c.shared && c.name == fact.name && !c.may_lack_value());
            if always {
                quote!(Self::#tag(code) => Some(crate::Facts::#method(code)),)
            } else {
                quote!(Self::#tag(code) => crate::Facts::#method(code),)
            }
        });
        quote! {
            #fact_doc
            #[must_use]
            pub fn #method(self) -> Option<#ty> {
                match self { #(#arms)* }
            }
        }
    });
    let by_name = taxonomy.facts.iter().map(|fact| {
        let name = fact.name.as_str();
        let method = ident(&fact.name);
        let mapper = value_of(taxonomy, &fact.ty);
        quote! { #name => self.#method().map(#mapper), }
    });
    quote! {
        impl AnyCode {
            #(#methods)*

            /// The value of the shared fact `name` (see [`Facts`]), as its table's column says it.
            #[must_use]
            pub fn fact(self, name: &str) -> Option<crate::Value> {
                match name {
                    #(#by_name)*
                    _ => None,
                }
            }
        }
    }
}

/// The function from a fact's value to a `crate::Value`.
fn value_of(taxonomy: &Taxonomy, ty: &Type) -> TokenStream {
    match ty {
        Type::Status => quote!(crate::Value::Status),
        Type::Bool => quote!(crate::Value::Bool),
        Type::Text => quote!(crate::Value::Text),
        Type::Phrases => quote!(crate::Value::Phrases),
        Type::Vocab(_) => quote!(|v| crate::Value::Term(v.term())),
        Type::Table(key) => {
            let tag = taxonomy
                .table(key)
                .map_or_else(|| ident("_"), |t| ident(&t.tag()));
            quote!(|v| crate::Value::Code(AnyCode::#tag(v)))
        }
    }
}

/// `src/generated/mod.rs`: every generated module, and a wrapper for each table module with no
/// hand-written part (`inline`), which the crate root re-exports with `pub use
/// generated::vendors::*`.
pub fn modules(modules: &[String], inline: &[&String]) -> TokenStream {
    let declared = modules.iter().map(|module| {
        let name = ident(module);
        quote! {
            #[allow(deprecated)]
            pub mod #name;
        }
    });
    let wrappers = inline.iter().map(|module| {
        let name = ident(module);
        let md = format!("{module}.md");
        quote! {
            #[doc = include_str!(#md)]
            pub mod #name {
                pub use crate::generated::#name::*;
            }
        }
    });
    quote! {
        #(#declared)*
        pub mod tables;
        pub mod vocabularies;
        /// The table modules that have no hand-written part, as the crate root shows them.
        pub mod vendors {
            #(#wrappers)*
        }
    }
}

/// For tests that check every table's enum through its type (`for_every_table!(check)` calls
/// `check::<T>()` for each enum and collects what each returns), and every shared fact through
/// its method (`for_every_fact!(check)`).
pub fn for_every_table(taxonomy: &Taxonomy) -> TokenStream {
    let calls = taxonomy.tables.iter().map(|table| {
        let module = ident(&table.module);
        let name = ident(&table.type_name);
        quote! { $check::<error_taxonomy::#module::#name>() }
    });
    let facts = taxonomy.facts.iter().map(|fact| ident(&fact.name));
    quote! {
        /// Calls `$check::<T>()` for the enum `T` of every table, in table order: an array of the
        /// results.
        #[allow(unused_macros)]
        macro_rules! for_every_table {
            ($check:ident) => {
                [#(#calls),*]
            };
        }

        /// Calls `$check!(fact)` for every shared fact, in the order of `taxonomy/taxonomy.yaml`,
        /// with the fact's method name: statements.
        #[allow(unused_macros)]
        macro_rules! for_every_fact {
            ($check:ident) => {
                #($check!(#facts);)*
            };
        }
    }
}
