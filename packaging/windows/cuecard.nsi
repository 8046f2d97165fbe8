; The cuecard installer for Windows, built on Linux with Debian's nsis:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with cuecard.exe> -DOUTFILE=<setup.exe> cuecard.nsi
; packaging/windows/build.sh stages the files and runs this; see docs/release.md.
;
; A per-user install (no administrator rights, which trainers' office
; laptops often withhold): %LOCALAPPDATA%\Programs\cuecard, a Start menu
; shortcut, an optional desktop shortcut, .ron decks open in cuecard, and an
; uninstaller in Settings > Apps.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "pass -DVERSION=x.y.z (Cargo.toml's version)"
!endif
!ifndef STAGE
  !error "pass -DSTAGE=folder holding cuecard.exe, decks\ and the licences"
!endif
!ifndef OUTFILE
  !define OUTFILE "cuecard-${VERSION}-windows-x86_64-setup.exe"
!endif

!define APP "cuecard"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\cuecard"
!define PROGID "cuecard.deck"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\cuecard"
InstallDirRegKey HKCU "Software\cuecard" "InstallDir"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "${STAGE}\cuecard.ico"
!define MUI_UNICON "${STAGE}\cuecard.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\cuecard.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start cuecard with the Module 5 deck"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "cuecard (required)" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${STAGE}\cuecard.exe"
  File "${STAGE}\cuecard.ico"
  File "${STAGE}\README.txt"
  File "${STAGE}\LICENSE-fonts-OFL.txt"
  SetOutPath "$INSTDIR\decks"
  File /r "${STAGE}\decks\*.*"
  SetOutPath "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\cuecard.lnk" "$INSTDIR\cuecard.exe" "" "$INSTDIR\cuecard.exe" 0

  WriteRegStr HKCU "Software\cuecard" "InstallDir" "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "cuecard developers"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\cuecard.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Section "Open .ron decks with cuecard" SecAssoc
  WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "cuecard deck"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\cuecard.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\cuecard.exe" "%1"'
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section /o "Desktop shortcut" SecDesktop
  CreateShortcut "$DESKTOP\cuecard.lnk" "$INSTDIR\cuecard.exe" "" "$INSTDIR\cuecard.exe" 0
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\cuecard.lnk"
  Delete "$DESKTOP\cuecard.lnk"
  Delete "$INSTDIR\cuecard.exe"
  Delete "$INSTDIR\cuecard.ico"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\LICENSE-fonts-OFL.txt"
  RMDir /r "$INSTDIR\decks"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; Only undo the .ron association if it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\cuecard"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "cuecard, the Module 5 and tour decks."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecAssoc} "Double-clicking a .ron deck presents it in cuecard."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "A cuecard shortcut on the desktop."
!insertmacro MUI_FUNCTION_DESCRIPTION_END
