//! Emits the Rust for a checked taxonomy with `quote`: data and `match` glue only. The trait
//! impls and behaviour around it are written by hand in the crate (`impl_code_traits!`,
//! `src/table.rs`).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::model::{Billing, Column, Handling, Platform, RetryClass, Row, Value};
use crate::validate::{Table, Taxonomy};
use crate::{Generated, HEADER};

pub fn emit(taxonomy: &Taxonomy) -> Generated {
    let mut files = Vec::new();
    for module in taxonomy.modules() {
        let items = taxonomy
            .tables
            .iter()
            .filter(|table| table.module == module)
            .map(|table| emit_table(taxonomy, table));
        let tokens = quote! { #(#items)* };
        files.push((format!("{module}.rs"), format!("{HEADER}{tokens}\n")));
    }
    let tokens = emit_tables(taxonomy);
    files.push(("tables.rs".to_owned(), format!("{HEADER}{tokens}\n")));
    Generated { files }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A `#[doc]` line; the leading space makes formatters print `/// text`.
fn doc(text: &str) -> TokenStream {
    let text = if text.is_empty() {
        String::new()
    } else {
        format!(" {text}")
    };
    quote! { #[doc = #text] }
}

fn docs(paragraphs: &[String]) -> TokenStream {
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(doc(""));
        }
        lines.push(doc(paragraph));
    }
    quote! { #(#lines)* }
}

fn emit_tables(taxonomy: &Taxonomy) -> TokenStream {
    let tables = &taxonomy.tables;
    let tags: Vec<Ident> = tables.iter().map(|table| ident(&table.tag())).collect();
    let keys: Vec<&str> = tables.iter().map(|table| table.key.as_str()).collect();
    let types: Vec<TokenStream> = tables
        .iter()
        .map(|table| {
            let module = ident(&table.module);
            let name = ident(&table.type_name);
            quote!(crate::#module::#name)
        })
        .collect();
    let table_docs = tables.iter().map(|table| {
        doc(&format!(
            "`{}`: [`{}::{}`](crate::{}::{}), {} codes from `{}`.",
            table.key,
            table.module,
            table.type_name,
            table.module,
            table.type_name,
            table.rows.len(),
            table.file
        ))
    });
    let table_docs: Vec<TokenStream> = table_docs.collect();
    let type_names: Vec<String> = tables.iter().map(Table::tag).collect();
    let docs: Vec<&str> = tables.iter().map(|table| table.doc.trim()).collect();
    let count = Literal::usize_unsuffixed(tables.len());
    let max_len = tables
        .iter()
        .flat_map(|table| table.rows.iter().map(|row| row.code.len()))
        .max()
        .unwrap_or(0);
    let max_len = Literal::usize_unsuffixed(max_len);

    // The accessors of `AnyCode`: each delegates to the `Code` trait of the table's enum.
    let delegates = [
        ("as_str", quote!(&'static str), "The wire string."),
        ("description", quote!(&'static str), "What the code means."),
        (
            "http_status",
            quote!(Option<u16>),
            "The HTTP status, where the table has one.",
        ),
        (
            "billing",
            quote!(Option<crate::Billing>),
            "The billing, where the table has one.",
        ),
        (
            "retry",
            quote!(Option<crate::RetryClass>),
            "The retry class, where the table has one.",
        ),
        (
            "action",
            quote!(Option<&'static str>),
            "The recommended action, where the table has one.",
        ),
        (
            "failure_code",
            quote!(Option<crate::meetbot::FailureCode>),
            "The meetbot failure code it maps to, where the table has the mapping.",
        ),
        (
            "deprecation",
            quote!(Option<&'static str>),
            "The note of a retired code.",
        ),
    ];
    let delegates = delegates.iter().map(|(method, ty, text)| {
        let method = ident(method);
        let method_doc = doc(text);
        quote! {
            #method_doc
            #[must_use]
            pub fn #method(self) -> #ty {
                match self { #(Self::#tags(code) => crate::Code::#method(code),)* }
            }
        }
    });

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

            /// The table's name, `module.name`, e.g. `recall.sub_code`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self { #(Self::#tags => #keys,)* }
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

            /// The table's codes, in file order.
            #[must_use]
            pub fn codes(self) -> crate::Codes {
                crate::Codes::new(self)
            }

            /// The number of codes in the table.
            #[must_use]
            pub fn len(self) -> usize {
                match self { #(Self::#tags => <#types as crate::Code>::ALL.len(),)* }
            }

            /// Whether the table has no code (never true of a generated table).
            #[must_use]
            pub fn is_empty(self) -> bool {
                self.len() == 0
            }

            /// The table's code at `index`, in file order.
            #[must_use]
            pub fn get(self, index: usize) -> Option<AnyCode> {
                match self {
                    #(Self::#tags => <#types as crate::Code>::ALL.get(index).map(|code| AnyCode::#tags(*code)),)*
                }
            }

            /// The code of this table whose wire string is exactly `code`.
            #[must_use]
            pub fn from_bytes(self, code: &[u8]) -> Option<AnyCode> {
                match self {
                    #(Self::#tags => <#types as crate::Code>::from_bytes(code).map(AnyCode::#tags),)*
                }
            }

            /// Parses a wire string of this table in any ASCII casing.
            ///
            /// # Errors
            ///
            /// [`UnknownCode`](crate::UnknownCode) when the table has no such code.
            pub fn parse_ignore_ascii_case(self, code: &str) -> Result<AnyCode, crate::UnknownCode> {
                match self {
                    #(Self::#tags => <#types as crate::Code>::parse_ignore_ascii_case(code).map(AnyCode::#tags),)*
                }
            }
        }

        #[cfg(feature = "schemars")]
        impl Table {
            /// A reference to the schema of the table's type, registering it with `generator`.
            pub(crate) fn subschema_for(self, generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                match self { #(Self::#tags => generator.subschema_for::<#types>(),)* }
            }
        }

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

            #(#delegates)*
        }

        /// The length in bytes of the longest code of any table.
        pub const MAX_CODE_LEN: usize = #max_len;
    }
}

fn emit_table(taxonomy: &Taxonomy, table: &Table) -> TokenStream {
    let name = ident(&table.type_name);
    let tag = ident(&table.tag());
    let count = table.rows.len();
    let count_lit = Literal::usize_unsuffixed(count);
    let variants: Vec<Ident> = table.idents.iter().map(|i| ident(i)).collect();

    let type_docs = docs(&[
        table.doc.trim().to_owned(),
        format!(
            "{count} codes, generated from `{}` (table `{}`). Parse one with [`{}::parse`]; \
             every code is listed in [`{}::ALL`].",
            table.file, table.key, table.type_name, table.type_name
        ),
    ]);
    let variant_defs = table.rows.iter().zip(&variants).map(|(row, variant)| {
        let docs = docs(&variant_docs(table, row));
        let deprecated = row
            .deprecated
            .as_deref()
            .map(|note| quote! { #[deprecated(note = #note)] });
        quote! { #docs #deprecated #variant, }
    });

    let codes: Vec<Literal> = table
        .rows
        .iter()
        .map(|row| Literal::string(&row.code))
        .collect();
    let descriptions = table
        .rows
        .iter()
        .map(|row| Literal::string(row.description.as_deref().unwrap_or_default().trim()));

    let accessors = table.columns.iter().map(|&(column, optional)| {
        let accessor = ident(column.accessor());
        let ty = column_type(taxonomy, column, optional);
        let column_doc = doc(column.doc());
        let arms = table.rows.iter().zip(&variants).map(|(row, variant)| {
            let value = column
                .value(row)
                .map(|value| value_tokens(taxonomy, column, value));
            let value = match (optional, value) {
                (false, Some(value)) => value,
                (true, Some(value)) => quote! { Some(#value) },
                (_, None) => quote! { None },
            };
            quote! { Self::#variant => #value, }
        });
        quote! {
            #column_doc
            #[must_use]
            #[inline]
            pub const fn #accessor(self) -> #ty {
                match self { #(#arms)* }
            }
        }
    });

    let has_status = table
        .columns
        .iter()
        .any(|(c, optional)| *c == Column::HttpStatus && !optional);
    let from_status = (table.numeric() && has_status).then(|| {
        let arms = table
            .rows
            .iter()
            .zip(&variants)
            .filter_map(|(row, variant)| {
                let status = Literal::u16_unsuffixed(row.http_status?);
                Some(quote! { #status => Some(Self::#variant), })
            });
        quote! {
            /// The code for an HTTP status, if the table lists it.
            #[must_use]
            pub const fn from_http_status(status: u16) -> Option<Self> {
                match status { #(#arms)* _ => None }
            }
        }
    });

    let from_message = table
        .columns
        .iter()
        .any(|(c, _)| *c == Column::Message)
        .then(|| {
            let arms = table
                .rows
                .iter()
                .zip(&variants)
                .filter_map(|(row, variant)| {
                    let message = row.message.as_deref()?;
                    Some(quote! { #message => Some(Self::#variant), })
                });
            quote! {
                /// The cause whose `detail` text is exactly `detail`.
                #[must_use]
                pub fn from_message(detail: &str) -> Option<Self> {
                    match detail { #(#arms)* _ => None }
                }
            }
        });

    let deprecation = table
        .rows
        .iter()
        .any(|row| row.deprecated.is_some())
        .then(|| {
            let arms =
                table
                    .rows
                    .iter()
                    .zip(&variants)
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

    let trait_methods = table.columns.iter().filter_map(|&(column, optional)| {
        let (method, ty) = match column {
            Column::HttpStatus => (quote!(http_status), quote!(u16)),
            Column::Billing => (quote!(billing), quote!(crate::Billing)),
            Column::Retry => (quote!(retry), quote!(crate::RetryClass)),
            Column::Action => (quote!(action), quote!(&'static str)),
            Column::FailureCode => (quote!(failure_code), quote!(crate::meetbot::FailureCode)),
            _ => return None,
        };
        let body = if optional {
            quote!(Self::#method(self))
        } else {
            quote!(Some(Self::#method(self)))
        };
        Some(quote! {
            #[inline]
            fn #method(self) -> Option<#ty> { #body }
        })
    });

    let groups = length_groups(table);
    let parse_arms = groups.iter().map(|(len, rows)| {
        let body = discriminate(table, &variants, rows, false);
        let len = Literal::usize_unsuffixed(*len);
        quote! { #len => #body, }
    });
    let folded_arms = groups.iter().map(|(len, rows)| {
        let body = discriminate(table, &variants, rows, true);
        let len = Literal::usize_unsuffixed(*len);
        quote! { #len => #body, }
    });

    quote! {
        #type_docs
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum #name { #(#variant_defs)* }

        impl #name {
            /// Every code of the table, in the order of its YAML file.
            pub const ALL: [Self; #count_lit] = [#(Self::#variants),*];

            /// The number of codes in the table.
            pub const COUNT: usize = #count_lit;

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

            #from_status
            #from_message
        }

        impl crate::Code for #name {
            const TABLE: crate::Table = crate::Table::#tag;
            const ALL: &'static [Self] = &Self::ALL;

            #[inline]
            fn as_str(self) -> &'static str { Self::as_str(self) }

            #[inline]
            fn description(self) -> &'static str { Self::description(self) }

            #[inline]
            fn from_bytes(code: &[u8]) -> Option<Self> {
                match code.len() { #(#parse_arms)* _ => None }
            }

            #[inline]
            fn from_bytes_ignore_ascii_case(code: &[u8]) -> Option<Self> {
                match code.len() { #(#folded_arms)* _ => None }
            }

            #(#trait_methods)*
            #deprecation

            #[inline]
            fn to_any(self) -> crate::AnyCode { crate::AnyCode::#tag(self) }
        }

        crate::impl_code_traits!(#name);
    }
}

/// The parse of codes of one length: branch on the byte that tells most of them apart, until
/// one candidate is left, then compare the whole code once. A hit or a miss costs one
/// comparison, whatever the table's size.
///
/// With `fold`, the same in any ASCII casing: the byte is folded to the table's case before the
/// branch, and the last comparison ignores case.
fn discriminate(table: &Table, variants: &[Ident], rows: &[usize], fold: bool) -> TokenStream {
    let code_of = |index: usize| table.rows[index].code.as_bytes();
    if let [index] = rows {
        let bytes = Literal::byte_string(code_of(*index));
        let variant = &variants[*index];
        return if fold {
            quote! { if code.eq_ignore_ascii_case(#bytes) { Some(Self::#variant) } else { None } }
        } else {
            quote! { if code == #bytes { Some(Self::#variant) } else { None } }
        };
    }
    let len = code_of(rows[0]).len();
    // The position with the most distinct bytes; the first such, so the output is stable.
    let position = (0..len)
        .max_by_key(|&at| {
            let distinct: std::collections::BTreeSet<u8> =
                rows.iter().map(|&i| code_of(i)[at]).collect();
            (distinct.len(), std::cmp::Reverse(at))
        })
        .unwrap_or(0);
    let mut by_byte: Vec<(u8, Vec<usize>)> = Vec::new();
    for &index in rows {
        let byte = code_of(index)[position];
        match by_byte.iter_mut().find(|(b, _)| *b == byte) {
            Some((_, group)) => group.push(index),
            None => by_byte.push((byte, vec![index])),
        }
    }
    by_byte.sort_by_key(|(byte, _)| *byte);
    if by_byte.len() == 1 {
        // Codes of one length differ somewhere, so this only happens for duplicates, which
        // validation rejects; compare them in turn all the same.
        let arms = rows.iter().map(|&index| {
            let bytes = Literal::byte_string(code_of(index));
            let variant = &variants[index];
            if fold {
                quote! { _ if code.eq_ignore_ascii_case(#bytes) => Some(Self::#variant), }
            } else {
                quote! { #bytes => Some(Self::#variant), }
            }
        });
        return quote! { match code { #(#arms)* _ => None } };
    }
    let arms = by_byte.iter().map(|(byte, group)| {
        let byte = Literal::byte_character(*byte);
        let body = discriminate(table, variants, group, fold);
        quote! { #byte => #body, }
    });
    let position = Literal::usize_unsuffixed(position);
    match (fold, table.uppercase) {
        (false, _) => quote! { match code[#position] { #(#arms)* _ => None } },
        (true, false) => {
            quote! { match code[#position].to_ascii_lowercase() { #(#arms)* _ => None } }
        }
        (true, true) => {
            quote! { match code[#position].to_ascii_uppercase() { #(#arms)* _ => None } }
        }
    }
}

/// Row indexes grouped by code length, shortest first: the parse `match` branches on the
/// length first.
fn length_groups(table: &Table) -> Vec<(usize, Vec<usize>)> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        match groups.iter_mut().find(|(len, _)| *len == row.code.len()) {
            Some((_, rows)) => rows.push(index),
            None => groups.push((row.code.len(), vec![index])),
        }
    }
    groups.sort_by_key(|(len, _)| *len);
    groups
}

fn column_type(taxonomy: &Taxonomy, column: Column, optional: bool) -> TokenStream {
    let ty = match column {
        Column::HttpStatus => quote!(u16),
        Column::SendsRetryAfter | Column::Terminal | Column::SubCode | Column::LegacyOnly => {
            quote!(bool)
        }
        Column::Action | Column::When | Column::Message | Column::IgnorableWhen => {
            quote!(&'static str)
        }
        Column::LegacyPhrases => quote!(&'static [&'static str]),
        Column::Retry => quote!(crate::RetryClass),
        Column::Billing => quote!(crate::Billing),
        Column::Handling => quote!(crate::Handling),
        Column::Platform => quote!(crate::Platform),
        Column::Category | Column::FailureCode | Column::ErrorCode => target_path(taxonomy, column),
    };
    if optional { quote!(Option<#ty>) } else { ty }
}

fn target_path(taxonomy: &Taxonomy, column: Column) -> TokenStream {
    // Validation guarantees the target table exists before emission runs.
    match column.target().and_then(|key| taxonomy.table(key)) {
        Some(target) => {
            let module = ident(&target.module);
            let name = ident(&target.type_name);
            quote!(crate::#module::#name)
        }
        None => quote!(()),
    }
}

fn value_tokens(taxonomy: &Taxonomy, column: Column, value: Value<'_>) -> TokenStream {
    match value {
        Value::U16(n) => Literal::u16_unsuffixed(n).into_token_stream(),
        Value::Bool(b) => quote!(#b),
        Value::Text(text) => Literal::string(text).into_token_stream(),
        Value::Texts(texts) => quote!(&[#(#texts),*]),
        Value::Retry(class, secs) => {
            let secs_some = secs.map(Literal::u32_unsuffixed);
            match class {
                RetryClass::Never => quote!(crate::RetryClass::Never),
                RetryClass::Backoff => quote!(crate::RetryClass::Backoff),
                RetryClass::Once => quote!(crate::RetryClass::Once),
                RetryClass::UserAction => quote!(crate::RetryClass::UserAction),
                RetryClass::Delay => {
                    let secs = secs_some.unwrap_or_else(|| Literal::u32_unsuffixed(0));
                    quote!(crate::RetryClass::Delay { secs: #secs })
                }
                RetryClass::RetryAfter => match secs_some {
                    Some(secs) => {
                        quote!(crate::RetryClass::RetryAfter { fallback_secs: Some(#secs) })
                    }
                    None => quote!(crate::RetryClass::RetryAfter {
                        fallback_secs: None
                    }),
                },
            }
        }
        Value::Billing(billing) => {
            let variant = format_ident!("{}", format!("{billing:?}"));
            quote!(crate::Billing::#variant)
        }
        Value::Handling(handling) => {
            let variant = format_ident!("{}", format!("{handling:?}"));
            quote!(crate::Handling::#variant)
        }
        Value::Platform(platform) => {
            let variant = format_ident!("{}", format!("{platform:?}"));
            quote!(crate::Platform::#variant)
        }
        Value::Ref(code) => {
            let path = target_path(taxonomy, column);
            let variant = column
                .target()
                .and_then(|key| taxonomy.table(key))
                .and_then(|target| target.ident_of(code))
                .map(ident);
            quote!(#path::#variant)
        }
    }
}

/// The doc paragraphs of one variant: the code and its meaning, then its facts.
fn variant_docs(table: &Table, row: &Row) -> Vec<String> {
    let description = row.description.as_deref().unwrap_or_default().trim();
    let mut paragraphs = vec![format!("`{}`: {description}", row.code)];
    let mut facts = Vec::new();
    let mut notes = Vec::new();
    for &(column, _) in &table.columns {
        let Some(value) = column.value(row) else {
            if column == Column::ErrorCode {
                facts.push("comes with no `code`".to_owned());
            }
            continue;
        };
        match (column, value) {
            (Column::HttpStatus, Value::U16(status)) => facts.push(format!("HTTP {status}")),
            (Column::Retry, Value::Retry(class, secs)) => {
                facts.push(format!("retry: {}", retry_text(class, secs)));
            }
            (Column::Billing, Value::Billing(billing)) => facts.push(
                match billing {
                    Billing::NotBilled => "not billed",
                    Billing::RecordedPortion => "billed for the recorded portion",
                }
                .to_owned(),
            ),
            (Column::Handling, Value::Handling(handling)) => facts.push(format!(
                "handling: {}",
                match handling {
                    Handling::NotifyUser => "tell the user",
                    Handling::RetryLater => "retry later",
                    Handling::PageOnCall => "page on-call",
                    Handling::Log => "log it",
                    Handling::TreatAsFinalized => "treat as finalized",
                }
            )),
            (Column::SendsRetryAfter, Value::Bool(true)) => {
                facts.push("sends `Retry-After`".into())
            }
            (Column::Terminal, Value::Bool(true)) => facts.push("terminal".into()),
            (Column::SubCode, Value::Bool(true)) => facts.push("carries a `sub_code`".into()),
            (Column::LegacyOnly, Value::Bool(true)) => {
                facts.push("legacy `bot.status_change` webhook only".into());
            }
            (Column::Category, Value::Ref(code)) => facts.push(format!("status: `{code}`")),
            (Column::Platform, Value::Platform(platform)) => facts.push(
                match platform {
                    Platform::All => "all platforms",
                    Platform::Zoom => "Zoom",
                    Platform::GoogleMeet => "Google Meet",
                    Platform::MicrosoftTeams => "Microsoft Teams",
                    Platform::Webex => "Webex",
                }
                .to_owned(),
            ),
            (Column::FailureCode, Value::Ref(code)) => {
                facts.push(format!("meetbot failure code: `{code}`"));
            }
            (Column::ErrorCode, Value::Ref(code)) => facts.push(format!("comes with `{code}`")),
            (Column::Message, Value::Text(text)) => notes.push(format!("Detail: \"{text}\"")),
            (Column::When, Value::Text(text)) => notes.push(format!("Occurs when: {text}")),
            (Column::Action, Value::Text(text)) => notes.push(format!("Action: {text}")),
            (Column::IgnorableWhen, Value::Text(text)) => {
                notes.push(format!("Ignore when: {text}"))
            }
            _ => {}
        }
    }
    if !facts.is_empty() {
        let line = facts.join(" · ");
        let mut chars = line.chars();
        let first = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .unwrap_or_default();
        paragraphs.push(format!("{first}{}", chars.as_str()));
    }
    paragraphs.extend(notes);
    if let Some(note) = &row.deprecated {
        paragraphs.push(format!("Deprecated: {note}"));
    }
    paragraphs
}

fn retry_text(class: RetryClass, secs: Option<u32>) -> String {
    match (class, secs) {
        (RetryClass::Never, _) => "never".into(),
        (RetryClass::Backoff, _) => "exponential backoff".into(),
        (RetryClass::Once, _) => "once".into(),
        (RetryClass::Delay, Some(secs)) => format!("after {secs} s"),
        (RetryClass::Delay, None) => "after a delay".into(),
        (RetryClass::RetryAfter, Some(secs)) => format!("after `Retry-After`, else {secs} s"),
        (RetryClass::RetryAfter, None) => "after `Retry-After`".into(),
        (RetryClass::UserAction, _) => "after a user action".into(),
    }
}
