//! Every word of the review screen, in English and zh-CN (see [`crate::lang::Msg`]).
//! Screen code never writes a literal a person reads: it names a message here.

crate::messages! {
    QUIT_TITLE = "quit?" / "退出？",
    TOO_SMALL = "terminal too small: {w}×{h}; nianbao needs at least {min_w}×{min_h}"
        / "终端太小：{w}×{h}；nianbao 至少需要 {min_w}×{min_h}",
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders() {
        crate::lang::assert_catalogue(super::ALL);
    }
}
