//! The parse of a table's codes: branch on the length, then on the byte that tells most of the
//! codes of that length apart, until one candidate is left, then compare the whole code once. A hit
//! or a miss costs one comparison, whatever the table's size.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The arms of `match code.len() { .. }` that find `codes[i]` and give `Some(results[i])`: exact
/// (`fold == false`) or in any ASCII casing, the byte folded to `upper` or lower case before each
/// branch.
pub fn arms(codes: &[&str], results: &[TokenStream], fold: bool, upper: bool) -> Vec<TokenStream> {
    length_groups(codes)
        .iter()
        .map(|(len, rows)| {
            let body = discriminate(codes, results, rows, fold, upper);
            let len = Literal::usize_unsuffixed(*len);
            quote! { #len => #body, }
        })
        .collect()
}

fn discriminate(
    codes: &[&str],
    variants: &[TokenStream],
    rows: &[usize],
    fold: bool,
    upper: bool,
) -> TokenStream {
    let code_of = |index: usize| codes[index].as_bytes();
    if let [index] = rows {
        return compare(code_of(*index), &variants[*index], fold);
    }
    let position = best_position(rows.iter().map(|&i| code_of(i)));
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
        // Codes of one length differ somewhere, so this only happens for duplicates, which the
        // checks reject; compare them in turn all the same.
        let arms = rows.iter().map(|&index| {
            let bytes = Literal::byte_string(code_of(index));
            let variant = &variants[index];
            if fold {
                quote! { _ if code.eq_ignore_ascii_case(#bytes) => Some(#variant), }
            } else {
                quote! { #bytes => Some(#variant), }
            }
        });
        return quote! { match code { #(#arms)* _ => None } };
    }
    let arms = by_byte.iter().map(|(byte, group)| {
        let byte = Literal::byte_character(*byte);
        let body = discriminate(codes, variants, group, fold, upper);
        quote! { #byte => #body, }
    });
    let position = Literal::usize_unsuffixed(position);
    match (fold, upper) {
        (false, _) => quote! { match code[#position] { #(#arms)* _ => None } },
        (true, false) => {
            quote! { match code[#position].to_ascii_lowercase() { #(#arms)* _ => None } }
        }
        (true, true) => {
            quote! { match code[#position].to_ascii_uppercase() { #(#arms)* _ => None } }
        }
    }
}

/// The one comparison left when a single candidate remains.
fn compare(code: &[u8], variant: &TokenStream, fold: bool) -> TokenStream {
    let bytes = Literal::byte_string(code);
    if fold {
        quote! { if code.eq_ignore_ascii_case(#bytes) { Some(#variant) } else { None } }
    } else {
        quote! { if code == #bytes { Some(#variant) } else { None } }
    }
}

/// The position with the most distinct bytes among codes of one length; the first such, so that
/// the output is stable.
fn best_position<'a>(codes: impl Iterator<Item = &'a [u8]> + Clone) -> usize {
    let len = codes.clone().next().map_or(0, <[u8]>::len);
    (0..len)
        .max_by_key(|&at| {
            let distinct: std::collections::BTreeSet<u8> = codes.clone().map(|c| c[at]).collect();
            (distinct.len(), std::cmp::Reverse(at))
        })
        .unwrap_or(0)
}

/// Row indexes grouped by code length, shortest first.
fn length_groups(codes: &[&str]) -> Vec<(usize, Vec<usize>)> {
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (index, code) in codes.iter().enumerate() {
        match groups.iter_mut().find(|(len, _)| *len == code.len()) {
            Some((_, rows)) => rows.push(index),
            None => groups.push((code.len(), vec![index])),
        }
    }
    groups.sort_by_key(|(len, _)| *len);
    groups
}
