//! One table's enum: the variants with their docs, the accessors of its columns, its parse, its
//! lookups, its column descriptors, and its impls of `Code` and `Facts`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, quote};

use super::{column_type, doc, docs, ident, parse, table_path};
use crate::model::{Cell, Column, Table, Taxonomy, Type, to_ident};

pub fn emit(
    taxonomy: &Taxonomy,
    lexicons: &crate::lexicon::Lexicons,
    table: &Table,
) -> TokenStream {
    let name = ident(&table.type_name);
    let variants: Vec<Ident> = table.idents.iter().map(|i| ident(i)).collect();
    let definition = definition(taxonomy, table, &variants);
    let inherent = inherent(taxonomy, table, &variants);
    let code_impl = code_impl(table, &variants);
    let facts_impl = facts_impl(taxonomy, table);
    let rules = crate::lexicon::emit(taxonomy, lexicons, table);
    quote! {
        #definition
        #inherent
        #code_impl
        #facts_impl
        #rules
        crate::impl_code_traits!(#name);
    }
}

fn definition(taxonomy: &Taxonomy, table: &Table, variants: &[Ident]) -> TokenStream {
    let name = ident(&table.type_name);
    let mut paragraphs = vec![
        table.doc.clone(),
        format!(
            "{} codes, generated from `{}` (table `{}`). Parse one with [`{}::parse`]; every \
             code is listed in [`{}::ALL`].",
            table.rows.len(),
            table.file,
            table.key,
            table.type_name,
            table.type_name
        ),
    ];
    paragraphs.extend(example(taxonomy, table));
    let type_docs = docs(&paragraphs);
    let variant_defs = table.rows.iter().zip(variants).map(|(row, variant)| {
        let docs = docs(&super::docs::variant_docs(taxonomy, table, row));
        let deprecated = row
            .deprecated
            .as_deref()
            .map(|note| quote! { #[deprecated(note = #note)] });
        quote! { #docs #deprecated #variant, }
    });
    quote! {
        #type_docs
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum #name { #(#variant_defs)* }
    }
}

/// A doc example: the first current code parsed, and one of its facts.
fn example(taxonomy: &Taxonomy, table: &Table) -> Option<String> {
    let index = table.rows.iter().position(|row| row.deprecated.is_none())?;
    let row = &table.rows[index];
    let ty = &table.type_name;
    let variant = &table.idents[index];
    let fact = table
        .columns
        .iter()
        .filter(|c| !c.optional && c.inherit.is_none())
        .filter(|c| matches!(c.ty, Type::Vocab(_) | Type::Status | Type::Bool))
        .find_map(|column| {
            let cell = row.cells.get(&column.name)?;
            let value = cell_tokens(taxonomy, column, cell)
                .to_string()
                .replace(" :: ", "::")
                .replace(" : ", ": ")
                .replace("crate::", "error_taxonomy::");
            Some(format!(
                "\nassert_eq!(code.{}(), {value});",
                column.accessor
            ))
        })
        .unwrap_or_default();
    Some(format!(
        "```\nuse error_taxonomy::{module}::{ty};\n\nlet code: {ty} = {code:?}.parse()?;\n\
         assert_eq!(code, {ty}::{variant});\nassert_eq!(code.as_str(), {code:?});{fact}\n\
         assert!({ty}::ALL.contains(&code));\n# Ok::<(), error_taxonomy::UnknownCode>(())\n```",
        module = table.module,
        code = row.code,
    ))
}

fn inherent(taxonomy: &Taxonomy, table: &Table, variants: &[Ident]) -> TokenStream {
    let name = ident(&table.type_name);
    let count = Literal::usize_unsuffixed(table.rows.len());
    let codes = table.rows.iter().map(|row| row.code.as_str());
    let descriptions = table.rows.iter().map(|row| row.description.as_str());
    let columns = table.columns.iter().map(|c| descriptor(taxonomy, c));
    let accessors = table
        .columns
        .iter()
        .map(|c| accessor(taxonomy, table, variants, c));
    let overrides = overrides(table, variants);
    let parse = parse_fns();
    let lookups = table
        .columns
        .iter()
        .filter(|c| c.lookup)
        .map(|c| lookup(table, variants, c));
    let values = value_fn(taxonomy, table);
    let unknown = unknown_consts(taxonomy, table);
    quote! {
        impl #name {
            /// Every code of the table, in the order of its YAML file.
            pub const ALL: [Self; #count] = [#(Self::#variants),*];

            /// The number of codes in the table.
            pub const COUNT: usize = #count;

            /// The table's columns, in the order of its YAML file: the facts its codes carry.
            pub const COLUMNS: &'static [crate::Column] = &[#(#columns),*];

            /// The wire string of this code.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                match self { #(Self::#variants => #codes,)* }
            }

            /// What this code means.
            #[must_use]
            #[inline]
            pub const fn description(self) -> &'static str {
                match self { #(Self::#variants => #descriptions,)* }
            }

            #(#accessors)*
            #unknown
            #overrides
            #parse
            #(#lookups)*
            #values
        }
    }
}

/// `UNKNOWN_<COLUMN>`: the facts the table's `unknown_code` gives a code it does not know.
fn unknown_consts(taxonomy: &Taxonomy, table: &Table) -> Option<TokenStream> {
    let unknown = table.unknown_code.as_ref()?;
    let consts = table.columns.iter().filter_map(|column| {
        let cell = unknown.cells.get(&column.name)?;
        let name = ident(&format!("UNKNOWN_{}", column.name.to_ascii_uppercase()));
        let ty = column_type(taxonomy, &column.ty);
        let value = cell_tokens(taxonomy, column, cell);
        let text = format!(
            "The `{}` of a code this table does not know (a newer server's). {}",
            column.name, unknown.reason
        );
        let docs = doc(&text);
        Some(quote! { #docs pub const #name: #ty = #value; })
    });
    let reason = &unknown.reason;
    let facts = table.columns.iter().filter_map(|column| {
        let cell = unknown.cells.get(&column.name)?;
        let name = &column.name;
        let value = as_value(taxonomy, &column.ty, cell_tokens(taxonomy, column, cell));
        Some(quote! { (#name, #value) })
    });
    Some(quote! {
        #(#consts)*

        /// The facts a code this table does not know is given, by column, and why.
        pub const UNKNOWN_CODE: crate::UnknownFacts = crate::UnknownFacts {
            reason: #reason,
            facts: &[#(#facts),*],
        };
    })
}

/// `parse` and `parse_ignore_ascii_case`, through the `Code` trait.
fn parse_fns() -> TokenStream {
    quote! {
        /// Parses a wire string, exactly as the server sends it.
        ///
        /// # Errors
        ///
        /// [`UnknownCode`](crate::UnknownCode) when the table has no such code.
        #[inline]
        pub fn parse(code: &str) -> Result<Self, crate::UnknownCode> {
            <Self as crate::Code>::parse(code)
        }

        /// Parses a wire string in any ASCII casing.
        ///
        /// # Errors
        ///
        /// [`UnknownCode`](crate::UnknownCode) when the table has no such code.
        #[inline]
        pub fn parse_ignore_ascii_case(code: &str) -> Result<Self, crate::UnknownCode> {
            <Self as crate::Code>::parse_ignore_ascii_case(code)
        }
    }
}

/// `value`: each column's accessor, as a `crate::Value`.
fn value_fn(taxonomy: &Taxonomy, table: &Table) -> TokenStream {
    let arms = table.columns.iter().enumerate().map(|(index, c)| {
        let index = Literal::usize_unsuffixed(index);
        let value = value(taxonomy, c);
        quote! { #index => #value, }
    });
    quote! {
        /// The value of the column at `column` in [`COLUMNS`](Self::COLUMNS); `None` where the
        /// row leaves an optional column out.
        #[must_use]
        pub const fn value(self, column: usize) -> Option<crate::Value> {
            match column { #(#arms)* _ => None }
        }
    }
}

/// The value of one cell, as Rust.
fn cell_tokens(taxonomy: &Taxonomy, column: &Column, cell: &Cell) -> TokenStream {
    match cell {
        Cell::Status(n) => Literal::u16_unsuffixed(*n).into_token_stream(),
        Cell::Bool(b) => quote!(#b),
        Cell::Text(text) => Literal::string(text).into_token_stream(),
        Cell::Phrases(list) => quote!(&[#(#list),*]),
        Cell::Vocab(index, number) => {
            let Type::Vocab(v) = column.ty else {
                return quote!(());
            };
            let vocabulary = &taxonomy.vocabularies[v];
            let ty = ident(&vocabulary.type_name);
            let value = &vocabulary.values[*index];
            let variant = ident(&value.ident);
            match (&value.field, value.optional_field, number) {
                (None, _, _) => quote!(crate::#ty::#variant),
                (Some(field), true, None) => {
                    let field = ident(field);
                    quote!(crate::#ty::#variant { #field: None })
                }
                (Some(field), true, Some(n)) => {
                    let field = ident(field);
                    let n = Literal::u32_unsuffixed(*n);
                    quote!(crate::#ty::#variant { #field: Some(#n) })
                }
                (Some(field), false, n) => {
                    let field = ident(field);
                    let n = Literal::u32_unsuffixed(n.unwrap_or(0));
                    quote!(crate::#ty::#variant { #field: #n })
                }
            }
        }
        Cell::Ref(code) => {
            let Type::Table(key) = &column.ty else {
                return quote!(());
            };
            match taxonomy.table(key) {
                Some(target) => {
                    let path = table_path(target);
                    let variant = target.row(code).map(|i| ident(&target.idents[i]));
                    quote!(#path::#variant)
                }
                None => quote!(()),
            }
        }
    }
}

fn accessor(
    taxonomy: &Taxonomy,
    table: &Table,
    variants: &[Ident],
    column: &Column,
) -> TokenStream {
    if let Some(through) = &column.inherit {
        return inherited_accessor(taxonomy, table, variants, column, through);
    }
    let name = ident(&column.accessor);
    let column_doc = doc(&column.doc);
    let ty = column_type(taxonomy, &column.ty);
    let arms = table.rows.iter().zip(variants).map(|(row, variant)| {
        let value = row
            .cells
            .get(&column.name)
            .map(|c| cell_tokens(taxonomy, column, c));
        let value = match (column.optional, value) {
            (false, Some(value)) => value,
            (true, Some(value)) => quote! { Some(#value) },
            (_, None) => quote! { None },
        };
        quote! { Self::#variant => #value, }
    });
    let ty = if column.optional {
        quote!(Option<#ty>)
    } else {
        ty
    };
    quote! {
        #column_doc
        #[must_use]
        #[inline]
        pub const fn #name(self) -> #ty {
            match self { #(#arms)* }
        }
    }
}

/// The accessor of an inherited column: the row's own value where it overrides, else the value of
/// the row it references.
fn inherited_accessor(
    taxonomy: &Taxonomy,
    table: &Table,
    variants: &[Ident],
    column: &Column,
    through: &str,
) -> TokenStream {
    let name = ident(&column.accessor);
    let column_doc = doc(&column.doc);
    let ty = column_type(taxonomy, &column.ty);
    let source = match table.column(through).map(|c| &c.ty) {
        Some(Type::Table(key)) => taxonomy.table(key).and_then(|t| t.column(&column.name)),
        _ => None,
    };
    let source = ident(source.map_or(column.accessor.as_str(), |c| c.accessor.as_str()));
    let through = table
        .column(through)
        .map_or_else(|| ident("_"), |c| ident(&c.accessor));
    let arms = table
        .rows
        .iter()
        .zip(variants)
        .filter_map(|(row, variant)| {
            let cell = row.cells.get(&column.name)?;
            let value = cell_tokens(taxonomy, column, cell);
            Some(quote! { Self::#variant => #value, })
        });
    let inherit_doc = doc(&format!(
        "A row that does not override it takes the `{}` of its `{}`.",
        column.name, through
    ));
    quote! {
        #column_doc
        ///
        #inherit_doc
        #[must_use]
        #[inline]
        pub const fn #name(self) -> #ty {
            #[allow(unreachable_patterns)]
            match self { #(#arms)* _ => self.#through().#source() }
        }
    }
}

/// `override_note` and `overrides` for a table with inherited columns.
fn overrides(table: &Table, variants: &[Ident]) -> Option<TokenStream> {
    if !table.has_inheritance() {
        return None;
    }
    let notes = table
        .rows
        .iter()
        .zip(variants)
        .map(|(row, variant)| match &row.override_note {
            Some(note) => quote! { Self::#variant => Some(#note), },
            None => quote! { Self::#variant => None, },
        });
    let lists = table.rows.iter().zip(variants).map(|(row, variant)| {
        let names = table.overridden(row);
        quote! { Self::#variant => &[#(#names),*], }
    });
    Some(quote! {
        /// Why this code overrides what it would inherit, where it does.
        #[must_use]
        pub const fn override_note(self) -> Option<&'static str> {
            match self { #(#notes)* }
        }

        /// The inherited columns this code overrides, by name.
        #[must_use]
        pub const fn overrides(self) -> &'static [&'static str] {
            match self { #(#lists)* }
        }
    })
}

/// `from_<column>`: the code whose value in a lookup column is exactly this one.
fn lookup(table: &Table, variants: &[Ident], column: &Column) -> TokenStream {
    let name = quote::format_ident!("from_{}", column.name);
    let arms = table
        .rows
        .iter()
        .zip(variants)
        .filter_map(|(row, variant)| {
            let pattern = match row.cells.get(&column.name)? {
                Cell::Status(n) => Literal::u16_unsuffixed(*n).into_token_stream(),
                Cell::Text(text) => Literal::string(text).into_token_stream(),
                _ => return None,
            };
            Some(quote! { #pattern => Some(Self::#variant), })
        });
    let (ty, qualifier) = match column.ty {
        Type::Status => (quote!(u16), quote!(const)),
        _ => (quote!(&str), quote!()),
    };
    let lookup_doc = doc(&format!(
        "The code whose `{}` is exactly `value`.",
        column.name
    ));
    quote! {
        #lookup_doc
        #[must_use]
        pub #qualifier fn #name(value: #ty) -> Option<Self> {
            match value { #(#arms)* _ => None }
        }
    }
}

/// A column's descriptor, as a `crate::Column` constant.
pub(super) fn descriptor(taxonomy: &Taxonomy, column: &Column) -> TokenStream {
    let name = column.name.as_str();
    let label = column.label.as_str();
    let column_doc = column.doc.as_str();
    let kind = match &column.ty {
        Type::Status => quote!(crate::Kind::Status),
        Type::Bool => quote!(crate::Kind::Bool),
        Type::Text => quote!(crate::Kind::Text),
        Type::Phrases => quote!(crate::Kind::Phrases),
        Type::Vocab(v) => {
            let tag = ident(&crate::model::to_ident(&taxonomy.vocabularies[*v].name));
            quote!(crate::Kind::Term(crate::Vocabulary::#tag))
        }
        Type::Table(key) => {
            let tag = taxonomy
                .table(key)
                .map_or_else(|| ident("_"), |t| ident(&t.tag()));
            quote!(crate::Kind::Code(crate::Table::#tag))
        }
    };
    let optional = column.may_lack_value();
    let shared = column.shared;
    let inherits = match &column.inherit {
        Some(through) => quote!(Some(#through)),
        None => quote!(None),
    };
    quote! {
        crate::Column {
            name: #name,
            label: #label,
            doc: #column_doc,
            kind: #kind,
            optional: #optional,
            shared: #shared,
            inherits_through: #inherits,
        }
    }
}

/// The `value` arm of one column: its accessor's value as a `crate::Value`.
fn value(taxonomy: &Taxonomy, column: &Column) -> TokenStream {
    let accessor = ident(&column.accessor);
    let wrap = |v: TokenStream| as_value(taxonomy, &column.ty, v);
    if column.may_lack_value() {
        let some = wrap(quote!(v));
        quote! { match self.#accessor() { Some(v) => Some(#some), None => None } }
    } else {
        let value = wrap(quote!(self.#accessor()));
        quote! { Some(#value) }
    }
}

/// `v`, a value of a column of type `ty`, as a `crate::Value`.
fn as_value(taxonomy: &Taxonomy, ty: &Type, v: TokenStream) -> TokenStream {
    match ty {
        Type::Status => quote!(crate::Value::Status(#v)),
        Type::Bool => quote!(crate::Value::Bool(#v)),
        Type::Text => quote!(crate::Value::Text(#v)),
        Type::Phrases => quote!(crate::Value::Phrases(#v)),
        Type::Vocab(_) => quote!(crate::Value::Term(#v.term())),
        Type::Table(key) => {
            let tag = taxonomy
                .table(key)
                .map_or_else(|| ident("_"), |t| ident(&t.tag()));
            quote!(crate::Value::Code(crate::AnyCode::#tag(#v)))
        }
    }
}

fn code_impl(table: &Table, variants: &[Ident]) -> TokenStream {
    let name = ident(&table.type_name);
    let tag = ident(&table.tag());
    let codes: Vec<&str> = table.rows.iter().map(|row| row.code.as_str()).collect();
    let results: Vec<TokenStream> = variants.iter().map(|v| quote!(Self::#v)).collect();
    let exact = parse::arms(&codes, &results, false, table.uppercase);
    let folded = parse::arms(&codes, &results, true, table.uppercase);
    let notes = code_notes(table, variants);
    quote! {
        impl crate::Code for #name {
            const TABLE: crate::Table = crate::Table::#tag;
            const ALL: &'static [Self] = &Self::ALL;
            const COLUMNS: &'static [crate::Column] = Self::COLUMNS;

            #[inline]
            fn as_str(self) -> &'static str { Self::as_str(self) }

            #[inline]
            fn description(self) -> &'static str { Self::description(self) }

            #[inline]
            fn from_bytes(code: &[u8]) -> Option<Self> {
                match code.len() { #(#exact)* _ => None }
            }

            #[inline]
            fn from_bytes_ignore_ascii_case(code: &[u8]) -> Option<Self> {
                match code.len() { #(#folded)* _ => None }
            }

            #[inline]
            fn value(self, column: usize) -> Option<crate::Value> { Self::value(self, column) }

            #notes

            #[inline]
            fn to_any(self) -> crate::AnyCode { crate::AnyCode::#tag(self) }
        }
    }
}

/// The `Code` methods of the notes some rows carry: deprecations and overrides.
fn code_notes(table: &Table, variants: &[Ident]) -> TokenStream {
    let deprecation = table
        .rows
        .iter()
        .any(|row| row.deprecated.is_some())
        .then(|| {
            let arms =
                table
                    .rows
                    .iter()
                    .zip(variants)
                    .map(|(row, variant)| match &row.deprecated {
                        Some(note) => quote! { Self::#variant => Some(#note), },
                        None => quote! { Self::#variant => None, },
                    });
            quote! {
                fn deprecation(self) -> Option<&'static str> {
                    match self { #(#arms)* }
                }
            }
        });
    let overrides = table.has_inheritance().then(|| {
        quote! {
            fn override_note(self) -> Option<&'static str> { Self::override_note(self) }
            fn overrides(self) -> &'static [&'static str] { Self::overrides(self) }
        }
    });
    quote! { #deprecation #overrides }
}

fn facts_impl(taxonomy: &Taxonomy, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let methods = taxonomy.facts.iter().map(|fact| {
        let method = ident(&fact.name);
        let output = ident(&to_ident(&fact.name));
        let ty = column_type(taxonomy, &fact.ty);
        let own = table
            .columns
            .iter()
            .find(|c| c.shared && c.name == fact.name);
        let (output_ty, body) = match own {
            Some(column) if column.may_lack_value() => {
                let accessor = ident(&column.accessor);
                (quote!(Option<#ty>), quote!(Self::#accessor(self)))
            }
            Some(column) => {
                let accessor = ident(&column.accessor);
                (quote!(#ty), quote!(Self::#accessor(self)))
            }
            None => (quote!(Option<#ty>), quote!(None)),
        };
        quote! {
            type #output = #output_ty;
            #[inline]
            fn #method(self) -> #output_ty { #body }
        }
    });
    quote! {
        impl crate::Facts for #name {
            #(#methods)*
        }
    }
}
