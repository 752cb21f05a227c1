//! Emits the Rust and Markdown for a checked taxonomy: data and `match` glue only, one emitter per
//! generated item. Behaviour around it (trait impls, wire formats, rules' engines) is written by
//! hand in the crate.

mod docs;
mod parse;

mod table;
mod tables;
mod vocab;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::HEADER;
use crate::model::{Table, Taxonomy, Type};

/// Every generated file, named by its path from the repository's root: the modules under
/// `src/generated/` with their `mod.rs`, the crate's and the README's table of tables, and the
/// published-codes list beside the YAML.
pub fn emit(
    taxonomy: &Taxonomy,
    lexicons: &crate::lexicon::Lexicons,
    handwritten: &dyn Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let dir = "src/generated";
    let mut files = Vec::new();
    let modules = modules(taxonomy);
    for module in &modules {
        let items = taxonomy
            .tables
            .iter()
            .filter(|table| &table.module == module)
            .map(|table| table::emit(taxonomy, lexicons, table));
        files.push((format!("{dir}/{module}.rs"), rust(quote! { #(#items)* })));
        files.push((
            format!("{dir}/{module}.md"),
            docs::module_md(taxonomy, module),
        ));
    }
    files.push((
        format!("{dir}/vocabularies.rs"),
        rust(vocab::emit(taxonomy)),
    ));
    files.push((format!("{dir}/tables.rs"), rust(tables::emit(taxonomy))));
    let inline: Vec<&String> = modules.iter().filter(|m| !handwritten(m)).collect();
    files.push((
        format!("{dir}/mod.rs"),
        rust(tables::modules(&modules, &inline)),
    ));
    files.push((
        format!("{dir}/for_every_table.rs"),
        rust(tables::for_every_table(taxonomy)),
    ));
    files.push((format!("{dir}/tables.md"), docs::tables_md(taxonomy, true)));
    files.push((
        crate::README_TABLES.into(),
        docs::tables_md(taxonomy, false),
    ));
    files.push((crate::PUBLISHED.into(), docs::published(taxonomy)));
    files
}

/// The modules, in order of first appearance.
fn modules(taxonomy: &Taxonomy) -> Vec<String> {
    let mut modules: Vec<String> = Vec::new();
    for table in &taxonomy.tables {
        if !modules.contains(&table.module) {
            modules.push(table.module.clone());
        }
    }
    modules
}

/// Formatted Rust with the `@generated` header, so that a compiler error inside it is readable.
fn rust(tokens: TokenStream) -> String {
    let body = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        // Only a generator bug gets here; the compiler then reports it in the unformatted text.
        Err(_) => tokens.to_string(),
    };
    format!("{HEADER}\n{body}")
}

pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// A `#[doc]` line; the leading space makes formatters print `/// text`.
pub(crate) fn doc(text: &str) -> TokenStream {
    let text = if text.is_empty() {
        String::new()
    } else {
        format!(" {text}")
    };
    quote! { #[doc = #text] }
}

/// Doc paragraphs, an empty line between them; a paragraph of several lines (a code block)
/// keeps its lines.
fn docs(paragraphs: &[String]) -> TokenStream {
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(doc(""));
        }
        lines.extend(paragraph.lines().map(doc));
    }
    quote! { #(#lines)* }
}

/// `crate::module::Type` of a table.
pub(crate) fn table_path(table: &Table) -> TokenStream {
    let module = ident(&table.module);
    let name = ident(&table.type_name);
    quote!(crate::#module::#name)
}

/// The Rust type of a column's value, before `Option`.
fn column_type(taxonomy: &Taxonomy, ty: &Type) -> TokenStream {
    match ty {
        Type::Status => quote!(u16),
        Type::Bool => quote!(bool),
        Type::Text => quote!(&'static str),
        Type::Phrases => quote!(&'static [&'static str]),
        Type::Vocab(v) => {
            let name = ident(&taxonomy.vocabularies[*v].type_name);
            quote!(crate::#name)
        }
        Type::Table(key) => taxonomy.table(key).map_or_else(|| quote!(()), table_path),
    }
}

/// Uppercases the first letter of a sentence.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
