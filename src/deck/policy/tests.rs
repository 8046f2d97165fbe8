#![allow(clippy::panic, clippy::indexing_slicing)]

use super::*;

#[test]
fn urls() {
    let cases: &[(&str, bool)] = &[
        (
            "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html",
            true,
        ),
        ("http://example.org", true),
        ("HTTPS://EXAMPLE.ORG/a?b#c", true),
        ("file:///etc/passwd", false),
        ("javascript:alert(1)", false),
        ("data:text/html,hi", false),
        ("ftp://example.org", false),
        ("example.org", false),
        ("https://", false),
        ("https:///path", false),
        ("https:/example.org", false),
        ("https://example.org/\u{202E}gpj.exe", false),
        ("https://exa\u{200B}mple.org", false),
        ("https://exa mple.org", false),
        (" https://example.org", false),
        ("", false),
        ("https://exa_mple.org:99999/", false),
    ];
    for (url, ok) in cases {
        assert_eq!(check_url(url).is_ok(), *ok, "{url:?}");
    }
}

/// Web links to a file that runs a program, and the file name reported.
#[test]
fn web_links_to_programs_are_refused() {
    let cases: &[(&str, &str)] = &[
        // Installers and executables.
        ("https://example.org/setup.exe", "setup.exe"),
        ("https://example.org/Setup.EXE", "Setup.EXE"),
        (
            "https://example.org/dl/setup.exe?version=2&lang=en",
            "setup.exe",
        ),
        ("https://example.org/setup.exe#top", "setup.exe"),
        ("https://example.org/setup%2Eexe", "setup.exe"),
        ("https://example.org/files%2Fsetup.exe", "setup.exe"),
        ("https://example.org/setup.exe.", "setup.exe."),
        ("https://example.org/setup.exe;jsessionid=1", "setup.exe"),
        ("https://example.org/setup.exe/", "setup.exe"),
        ("https://example.org\\setup.exe", "setup.exe"),
        ("https://example.org/video.mp4.exe", "video.mp4.exe"),
        ("https://example.org/Installer.dmg", "Installer.dmg"),
        ("https://example.org/tool.pkg", "tool.pkg"),
        ("https://example.org/tool.deb", "tool.deb"),
        ("https://example.org/tool.AppImage", "tool.AppImage"),
        ("https://example.org/run.bat", "run.bat"),
        ("https://example.org/run.ps1", "run.ps1"),
        ("https://example.org/run.sh", "run.sh"),
        ("https://example.org/old.com", "old.com"),
        // Screen savers.
        ("https://example.org/aquarium.scr", "aquarium.scr"),
        ("https://example.org/Aquarium.saver", "Aquarium.saver"),
        // Windows Installer packages and app packages.
        ("https://example.org/app.msi", "app.msi"),
        ("https://example.org/fix.MSP", "fix.MSP"),
        ("https://example.org/app.msix", "app.msix"),
        // Shortcuts.
        ("https://example.org/video.lnk", "video.lnk"),
        ("https://example.org/video.url", "video.url"),
        ("https://example.org/video.webloc", "video.webloc"),
        ("https://example.org/video.desktop", "video.desktop"),
        // Java archives.
        ("https://example.org/player.jar", "player.jar"),
        ("https://example.org/player.jnlp", "player.jnlp"),
        // HTML applications.
        ("https://example.org/quiz.hta", "quiz.hta"),
        // ClickOnce applications.
        ("https://example.org/app.application", "app.application"),
        ("https://example.org/app.appref-ms", "app.appref-ms"),
        // An archive's copy of a program.
        (
            "https://web.archive.example/web/2020/https://example.org/setup.exe",
            "setup.exe",
        ),
    ];
    for (url, file) in cases {
        match web_link(url) {
            Verdict::Refused(Refusal::RunsProgram { file: named, .. }) => {
                assert_eq!(named, *file, "{url}");
            }
            other => panic!("{url}: {other:?}"),
        }
    }
}

/// Ordinary pages and media that look a little like programs are allowed.
#[test]
fn pages_that_are_not_programs_are_allowed() {
    for url in [
        "https://example.org/",
        "https://example.org/page.html",
        "https://example.org/page.aspx?id=3",
        "https://example.org/page.asp",
        "https://example.org/views/Transcript.cfm",
        "https://example.org/video.mp4",
        "https://example.org/download?file=guide.pdf",
        "https://example.org/executive-summary",
        "https://example.org/exe",
        "https://example.com",
        "https://example.com/",
        "https://web.archive.example/web/2020/https://www.example.com",
        "https://ovc.ncjrs.gov/humantrafficking/publicawareness.html",
    ] {
        assert_eq!(web_link(url), Verdict::Allowed, "{url}");
    }
}

#[test]
fn credentials_are_warned_and_removed_from_the_address() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "https://trainer:secret@example.org/video",
            "https://example.org/video",
            "example.org",
        ),
        (
            "https://trainer@example.org/video?t=3",
            "https://example.org/video?t=3",
            "example.org",
        ),
        (
            "https://:secret@example.org/",
            "https://example.org/",
            "example.org",
        ),
        (
            "https://www.justice.gov@evil.example/login",
            "https://evil.example/login",
            "evil.example",
        ),
    ];
    for (url, address, goes_to) in cases {
        let verdict = web_link(url);
        assert_eq!(verdict.address(url), Some(*address), "{url}");
        assert_eq!(
            verdict.cautions(),
            &[Caution::Credentials {
                host: (*goes_to).to_owned(),
                address: (*address).to_owned(),
            }],
            "{url}"
        );
        let shown = verdict.cautions()[0].to_string();
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains(goes_to), "{shown}");
    }
}

#[test]
fn lookalike_hosts_are_warned_with_their_unicode_form() {
    // Cyrillic "а" (U+0430) in place of the Latin "a".
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "https://xn--pple-43d.com/",
            "\u{430}pple.com",
            &["Cyrillic", "Latin"],
        ),
        (
            "https://XN--PPLE-43D.COM/",
            "\u{430}pple.com",
            &["Cyrillic", "Latin"],
        ),
        (
            "https://\u{430}pple.com/",
            "\u{430}pple.com",
            &["Cyrillic", "Latin"],
        ),
        // All-Cyrillic letters under a Latin top-level domain.
        (
            "https://\u{430}\u{440}\u{440}\u{4CF}\u{435}.com/",
            "\u{430}\u{440}\u{440}\u{4CF}\u{435}.com",
            &["Cyrillic", "Latin"],
        ),
        // Punycode of a single-script name: warned, nothing mixed.
        ("https://xn--bcher-kva.de/", "b\u{fc}cher.de", &[]),
        // Greek omicron among Latin letters.
        (
            "https://g\u{3bf}\u{3bf}gle.com",
            "g\u{3bf}\u{3bf}gle.com",
            &["Greek", "Latin"],
        ),
    ];
    for (url, unicode, scripts) in cases {
        let verdict = web_link(url);
        let [Caution::Lookalike(found)] = verdict.cautions() else {
            panic!("{url}: {verdict:?}");
        };
        assert_eq!(found.unicode, *unicode, "{url}");
        assert_eq!(found.mixed_scripts, *scripts, "{url}");
        assert_eq!(verdict.address(url), Some(*url), "{url}");
        let shown = found.to_string();
        assert!(shown.contains(unicode), "{shown}");
    }
    // The odd letter is named, so the presenter can see it.
    let verdict = web_link("https://xn--pple-43d.com/");
    let shown = verdict.cautions()[0].to_string();
    assert!(
        shown.contains("mixes Cyrillic and Latin letters: \"\u{430}\" is Cyrillic (U+0430);"),
        "{shown}"
    );
}

#[test]
fn single_script_international_hosts_pass() {
    for url in [
        "https://b\u{fc}cher.de/",
        "https://\u{43f}\u{440}\u{435}\u{437}\u{438}\u{434}\u{435}\u{43d}\u{442}.\u{440}\u{444}/",
        // Japanese: Han and Hiragana with Latin is allowed by UTS #39.
        "https://\u{4f8b}\u{3048}.jp/",
    ] {
        assert_eq!(web_link(url), Verdict::Allowed, "{url}");
    }
}

#[test]
fn credentials_and_a_lookalike_host_give_both_cautions() {
    let url = "https://user:pw@xn--pple-43d.com/video";
    let verdict = web_link(url);
    assert_eq!(verdict.cautions().len(), 2, "{verdict:?}");
    assert_eq!(verdict.address(url), Some("https://xn--pple-43d.com/video"));
}

#[test]
fn paths_in_unix_and_windows_forms() {
    let cases: &[(&str, bool)] = &[
        ("media/video.mp4", true),
        ("media\\video.mp4", true),
        ("./video.mp4", true),
        ("a..b/video.mp4", true),
        ("", false),
        ("/etc/passwd", false),
        ("~/video.mp4", false),
        ("../video.mp4", false),
        ("media/../../video.mp4", false),
        ("media\\..\\..\\video.mp4", false),
        ("C:\\Users\\x\\video.mp4", false),
        ("c:/video.mp4", false),
        ("\\\\server\\share\\video.mp4", false),
        ("\\video.mp4", false),
    ];
    for (path, ok) in cases {
        assert_eq!(check_relative_path(path).is_ok(), *ok, "{path:?}");
    }
}

#[test]
fn media_extensions() {
    assert!(check_media_path("media/a.MP4").is_ok());
    assert!(check_media_path("talk.webm").is_ok());
    for program in [
        "run.exe",
        "x.bat",
        "x.cmd",
        "x.ps1",
        "x.sh",
        "x.app",
        "x.desktop",
        "x.lnk",
        "x.SCR",
        "x.msi",
        "x.jar",
        "x.hta",
        "x.application",
        "media\\x.dmg",
    ] {
        assert!(
            matches!(check_media_path(program), Err(Refusal::Program { .. })),
            "{program}"
        );
    }
    for other in ["noext", "notes.txt", "slides.pdf", "page.aspx"] {
        assert!(
            matches!(check_media_path(other), Err(Refusal::NotMedia { .. })),
            "{other}"
        );
    }
}

#[test]
fn the_file_type_lists_do_not_overlap_and_are_lower_case() {
    for (i, program) in PROGRAM_TYPES.iter().enumerate() {
        assert_eq!(program.extension, program.extension.to_ascii_lowercase());
        assert!(
            !MEDIA_EXTENSIONS.contains(&program.extension),
            "{} is both media and a program",
            program.extension
        );
        assert!(
            PROGRAM_TYPES[..i]
                .iter()
                .all(|p| p.extension != program.extension),
            "{} is listed twice",
            program.extension
        );
    }
    assert!(is_program_media_type("application/x-msdownload"));
    assert!(is_program_media_type("Application/X-MSI; charset=binary"));
    assert!(!is_program_media_type("text/html; charset=utf-8"));
    assert!(!is_program_media_type("video/mp4"));
}

#[test]
fn link_status_gives_the_console_the_address_to_show_and_open() {
    let link = crate::deck::Link {
        title: "Video".to_owned(),
        url: "https://trainer:secret@example.org/video".to_owned(),
        local: None,
        transcript: Some("https://example.org/t.vbs".to_owned()),
        qr: true,
    };
    let status = link_status(&link, None);
    assert!(status.online.is_ok());
    assert!(status.online_needs_confirmation());
    assert_eq!(
        status.online_address(&link),
        Some("https://example.org/video")
    );
    assert!(matches!(
        status.transcript,
        Some(Err(Refusal::RunsProgram { .. }))
    ));
    assert_eq!(status.transcript_address(&link), None);

    let plain = crate::deck::Link {
        url: "https://example.org/video".to_owned(),
        transcript: None,
        ..link
    };
    let status = link_status(&plain, None);
    assert!(!status.online_needs_confirmation());
    assert_eq!(
        status.online_address(&plain),
        Some("https://example.org/video")
    );
}
