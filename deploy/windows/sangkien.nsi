; sangkien.nsi - the Windows installer of the two clients (NSIS 3, Debian's
; makensis).  Per-user: no administrator rights, installed under
; %LOCALAPPDATA%\Programs\sangkien, Start-menu entries for the user only.
; The uninstaller removes the programs and the entries and leaves the
; user's data (%LOCALAPPDATA%\sangkien: the store, admin.conf) alone.
;
; Made by the Windows build (target sangkien-installer, deploy/windows/CMakeLists.txt):
;   makensis -DVERSION=0.1.0 -DSANGKIEN_EXE=<sangkien.exe> -DADMIN_EXE=<sangkien-admin.exe>
;            -DOUTFILE=<installer.exe> deploy/windows/sangkien.nsi
Unicode true
; 64-bit stubs like the programs (and Wine's wine64 runs them in the tests).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION is not defined (makensis -DVERSION=...)"
!endif
!ifndef SANGKIEN_EXE | ADMIN_EXE
  !error "SANGKIEN_EXE and ADMIN_EXE name the programs (makensis -DSANGKIEN_EXE=...)"
!endif
!ifndef OUTFILE
  !define OUTFILE "sangkien-${VERSION}-setup.exe"
!endif

!define PRODUCT "Sáng kiến"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\sangkien"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\sangkien"
InstallDirRegKey HKCU "Software\sangkien" "InstallDir"
BrandingText "Chương trình 01 triệu sáng kiến"

!include "MUI2.nsh"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_NOAUTOCLOSE
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Bộ cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "Công đoàn Việt Nam"

Section "Chương trình" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=sangkien.exe" "${SANGKIEN_EXE}"
  File "/oname=sangkien-admin.exe" "${ADMIN_EXE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The local web interface of each program (`ui`), for the user only.
  ; A file name cannot hold "/": the district entry is named with U+2215
  ; DIVISION SLASH, which the Start menu shows as "Sáng kiến – Quận∕Huyện".
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Sáng kiến.lnk" "$INSTDIR\sangkien.exe" "ui" \
    "$INSTDIR\sangkien.exe" 0 SW_SHOWMINIMIZED "" "Nhập và gửi sáng kiến của công đoàn cơ sở"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Sáng kiến – Quận∕Huyện.lnk" \
    "$INSTDIR\sangkien-admin.exe" "ui" "$INSTDIR\sangkien-admin.exe" 0 SW_SHOWMINIMIZED "" \
    "Chỉ tiêu, duyệt sáng kiến và báo cáo của liên đoàn lao động quận, huyện"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Gỡ cài đặt ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "Software\sangkien" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Công đoàn Việt Nam"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

; The user's store and settings (%LOCALAPPDATA%\sangkien) are never touched:
; uninstalling must not lose initiatives that were not sent yet.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\sangkien.exe"
  Delete "$INSTDIR\sangkien-admin.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}\Sáng kiến.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Sáng kiến – Quận∕Huyện.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Gỡ cài đặt ${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\sangkien"
SectionEnd
