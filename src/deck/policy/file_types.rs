//! The one list of file types: the media a local copy may be, and the
//! types that run a program when opened, refused both as a local copy and
//! as the file a web link downloads.
//!
//! Sources (see `docs/links.md`, which lists every entry):
//! - Microsoft, "Blocked attachments in Outlook": the Level 1 file types
//!   Outlook never lets a user open, because they can run code
//!   ([`Source::Outlook`]);
//! - Microsoft's app and installer packages that Windows installs when
//!   opened (MSIX and App Installer, `ClickOnce` for Office, disk images that open
//!   as a drive) ([`Source::Windows`]);
//! - Apple, "About file quarantine" and the download assessment of macOS
//!   (Gatekeeper): applications, installer packages, disk images, scripts,
//!   screen savers and Internet location files ([`Source::Apple`]);
//! - the Linux desktop's launchers and package formats ([`Source::Linux`]).
//!
//! Outlook's list also has `.asp` and `.aspx` (Active Server Pages): on the
//! web those are ordinary pages, so they are not in [`PROGRAM_TYPES`] (a
//! local copy with them is still refused: it is not a media file).

/// File extensions of local media that may be opened in the system's player.
pub const MEDIA_EXTENSIONS: &[&str] = &[
    "mp4", "m4v", "mov", "webm", "mkv", "avi", "mp3", "m4a", "wav", "ogg",
];

/// Where an entry of [`PROGRAM_TYPES`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Microsoft's list of attachments Outlook blocks (Level 1).
    Outlook,
    /// Windows app packages and installers beyond Outlook's list.
    Windows,
    /// macOS: Gatekeeper and file quarantine treat these as programs.
    Apple,
    /// Linux desktops: launchers and installable packages.
    Linux,
}

impl Source {
    /// The source's name as `docs/links.md` gives it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Outlook => "Outlook's blocked attachments",
            Self::Windows => "Windows app packages and installers",
            Self::Apple => "macOS Gatekeeper and file quarantine",
            Self::Linux => "Linux desktops",
        }
    }
}

/// A file type that runs a program (or installs one, or changes the
/// system) when a presenter opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramType {
    /// The extension, lower case, without the dot.
    pub extension: &'static str,
    /// What the file is, in a few words, for the refusal's message.
    pub what: &'static str,
    /// Where the entry comes from.
    pub source: Source,
}

const fn t(extension: &'static str, what: &'static str, source: Source) -> ProgramType {
    ProgramType {
        extension,
        what,
        source,
    }
}

use Source::{Apple, Linux, Outlook, Windows};

/// Every file type cuecard treats as a program: a local copy with one of
/// these extensions is refused, and so is a web link whose file name ends
/// in one (in any letter case, with or without a query string).
pub const PROGRAM_TYPES: &[ProgramType] = &[
    // Outlook's Level 1 list.
    t("ade", "an Access project", Outlook),
    t("adp", "an Access project", Outlook),
    t("app", "an application", Outlook),
    t("application", "a ClickOnce application", Outlook),
    t("appref-ms", "a ClickOnce application shortcut", Outlook),
    t("asx", "a Windows Media shortcut", Outlook),
    t("bas", "a Visual Basic module", Outlook),
    t("bat", "a batch script", Outlook),
    t("bgi", "a BGInfo configuration", Outlook),
    t("cab", "a Windows installation archive", Outlook),
    t("cdxml", "a PowerShell cmdlet definition", Outlook),
    t("cer", "a security certificate", Outlook),
    t("chm", "a compiled HTML help file", Outlook),
    t("cmd", "a command script", Outlook),
    t("cnt", "a help contents file", Outlook),
    t("com", "an MS-DOS program", Outlook),
    t("cpl", "a Control Panel extension", Outlook),
    t("crt", "a security certificate", Outlook),
    t("csh", "a shell script", Outlook),
    t("der", "a security certificate", Outlook),
    t("diagcab", "a troubleshooting pack", Outlook),
    t("exe", "a Windows program", Outlook),
    t("fxp", "a FoxPro program", Outlook),
    t("gadget", "a Windows gadget", Outlook),
    t("grp", "a program group", Outlook),
    t("hlp", "a Windows help file", Outlook),
    t("hpj", "a help project", Outlook),
    t("hta", "an HTML application", Outlook),
    t("htc", "an HTML component", Outlook),
    t("inf", "a setup information file", Outlook),
    t("ins", "an Internet communication settings file", Outlook),
    t("isp", "an Internet communication settings file", Outlook),
    t("its", "an Internet document set", Outlook),
    t("jar", "a Java archive", Outlook),
    t("jnlp", "a Java Web Start application", Outlook),
    t("js", "a JScript file", Outlook),
    t("jse", "an encoded JScript file", Outlook),
    t("ksh", "a shell script", Outlook),
    t("lnk", "a shortcut", Outlook),
    t("mad", "an Access module shortcut", Outlook),
    t("maf", "an Access shortcut", Outlook),
    t("mag", "an Access diagram shortcut", Outlook),
    t("mam", "an Access macro shortcut", Outlook),
    t("maq", "an Access query shortcut", Outlook),
    t("mar", "an Access report shortcut", Outlook),
    t("mas", "an Access stored procedure", Outlook),
    t("mat", "an Access table shortcut", Outlook),
    t("mau", "a media attachment unit", Outlook),
    t("mav", "an Access view shortcut", Outlook),
    t("maw", "an Access data access page", Outlook),
    t("mcf", "a Media Container Format file", Outlook),
    t("mda", "an Access add-in", Outlook),
    t("mdb", "an Access application", Outlook),
    t("mde", "an Access database", Outlook),
    t("mdt", "an Access add-in", Outlook),
    t("mdw", "an Access workgroup file", Outlook),
    t("mdz", "an Access wizard", Outlook),
    t("msc", "a Management Console snap-in", Outlook),
    t("msh", "a Microsoft shell script", Outlook),
    t("msh1", "a Microsoft shell script", Outlook),
    t("msh2", "a Microsoft shell script", Outlook),
    t("mshxml", "a Microsoft shell script", Outlook),
    t("msh1xml", "a Microsoft shell script", Outlook),
    t("msh2xml", "a Microsoft shell script", Outlook),
    t("msi", "a Windows Installer package", Outlook),
    t("msp", "a Windows Installer patch", Outlook),
    t("mst", "a Windows Installer transform", Outlook),
    t("msu", "a Windows update package", Outlook),
    t("ops", "an Office settings file", Outlook),
    t("osd", "an application virtualisation package", Outlook),
    t("pcd", "a Visual Test script", Outlook),
    t("pif", "a program information file", Outlook),
    t("pl", "a Perl script", Outlook),
    t("plg", "a Developer Studio build log", Outlook),
    t("prf", "an Outlook profile", Outlook),
    t("prg", "a program", Outlook),
    t("printerexport", "a printer migration file", Outlook),
    t("ps1", "a PowerShell script", Outlook),
    t("ps1xml", "a PowerShell file", Outlook),
    t("ps2", "a PowerShell script", Outlook),
    t("ps2xml", "a PowerShell file", Outlook),
    t("psc1", "a PowerShell console file", Outlook),
    t("psc2", "a PowerShell console file", Outlook),
    t("psd1", "a PowerShell data file", Outlook),
    t("psdm1", "a PowerShell module", Outlook),
    t("pssc", "a PowerShell session configuration", Outlook),
    t("pst", "an Outlook data file", Outlook),
    t("py", "a Python script", Outlook),
    t("pyc", "a compiled Python script", Outlook),
    t("pyo", "a compiled Python script", Outlook),
    t("pyw", "a Python script", Outlook),
    t("pyz", "a Python application", Outlook),
    t("pyzw", "a Python application", Outlook),
    t("reg", "a registry file", Outlook),
    t("scf", "a Windows Explorer command", Outlook),
    t("scr", "a screen saver", Outlook),
    t("sct", "a Windows script component", Outlook),
    t("shb", "a shortcut into a document", Outlook),
    t("shs", "a Windows scrap object", Outlook),
    t("theme", "a Windows theme", Outlook),
    t("tmp", "a temporary file", Outlook),
    t("udl", "a data link file", Outlook),
    t("url", "an Internet shortcut", Outlook),
    t("vb", "a VBScript file", Outlook),
    t("vbe", "an encoded VBScript file", Outlook),
    t("vbp", "a Visual Basic project", Outlook),
    t("vbs", "a VBScript file", Outlook),
    t("vhd", "a virtual hard disk", Outlook),
    t("vhdx", "a virtual hard disk", Outlook),
    t("vsmacros", "a Visual Studio macro project", Outlook),
    t("vsw", "a Visio workspace", Outlook),
    t("webpnp", "an Internet printing file", Outlook),
    t("website", "a pinned site shortcut", Outlook),
    t("ws", "a Windows script", Outlook),
    t("wsb", "a Windows Sandbox configuration", Outlook),
    t("wsc", "a Windows script component", Outlook),
    t("wsf", "a Windows script", Outlook),
    t("wsh", "a Windows Script Host settings file", Outlook),
    t("xbap", "a browser application", Outlook),
    t("xll", "an Excel add-in", Outlook),
    t("xnk", "an Exchange public folder shortcut", Outlook),
    // Windows installers and app packages.
    t("appinstaller", "an App Installer file", Windows),
    t("appx", "a Windows app package", Windows),
    t("appxbundle", "a Windows app package", Windows),
    t("msix", "a Windows app package", Windows),
    t("msixbundle", "a Windows app package", Windows),
    t("vsto", "an Office add-in (ClickOnce)", Windows),
    t("iso", "a disk image that opens as a drive", Windows),
    t("img", "a disk image that opens as a drive", Windows),
    // macOS.
    t("action", "an Automator action", Apple),
    t("applescript", "an AppleScript", Apple),
    t("command", "a Terminal command file", Apple),
    t("dmg", "a disk image (an installer)", Apple),
    t("fileloc", "a file location shortcut", Apple),
    t("inetloc", "an Internet location shortcut", Apple),
    t("mpkg", "an installer package", Apple),
    t("osax", "a scripting addition", Apple),
    t("pkg", "an installer package", Apple),
    t("prefpane", "a System Settings panel", Apple),
    t("saver", "a screen saver", Apple),
    t("scpt", "an AppleScript", Apple),
    t("scptd", "an AppleScript bundle", Apple),
    t(
        "terminal",
        "a Terminal settings file that can run a command",
        Apple,
    ),
    t("tool", "a command-line tool", Apple),
    t("webloc", "an Internet location shortcut", Apple),
    t("wdgt", "a Dashboard widget", Apple),
    t("workflow", "an Automator workflow", Apple),
    // Linux.
    t("appimage", "an application", Linux),
    t("bash", "a shell script", Linux),
    t("bin", "a program", Linux),
    t("deb", "an installer package", Linux),
    t("desktop", "an application launcher", Linux),
    t("flatpak", "an installer package", Linux),
    t("flatpakref", "an installer reference", Linux),
    t("rpm", "an installer package", Linux),
    t("run", "an installer", Linux),
    t("sh", "a shell script", Linux),
    t("snap", "an installer package", Linux),
    t("zsh", "a shell script", Linux),
];

/// Media types (the `Content-Type` a server sends) of programs and
/// installers, for `preflight --online`: a link whose server answers with
/// one of these downloads a program.
pub const PROGRAM_MEDIA_TYPES: &[&str] = &[
    "application/hta",
    "application/java-archive",
    "application/vnd.apple.installer+xml",
    "application/vnd.debian.binary-package",
    "application/vnd.microsoft.portable-executable",
    "application/vnd.ms-cab-compressed",
    "application/x-apple-diskimage",
    "application/x-bat",
    "application/x-dosexec",
    "application/x-executable",
    "application/x-java-jnlp-file",
    "application/x-ms-application",
    "application/x-ms-installer",
    "application/x-ms-shortcut",
    "application/x-msdos-program",
    "application/x-msdownload",
    "application/x-msi",
    "application/x-rpm",
    "application/x-sh",
];

/// The program type of the file name `name` (its last extension, in any
/// letter case), if it is one. Windows ignores trailing dots and spaces in
/// a file name (`setup.exe.` is `setup.exe`), so they are ignored here too.
pub fn program_type(name: &str) -> Option<&'static ProgramType> {
    let name = name.trim_end_matches(['.', ' ']);
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    PROGRAM_TYPES.iter().find(|t| t.extension == extension)
}

/// Whether `media_type` (a `Content-Type` value, parameters allowed) is
/// one of [`PROGRAM_MEDIA_TYPES`].
pub fn is_program_media_type(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    PROGRAM_MEDIA_TYPES.contains(&essence.as_str())
}
