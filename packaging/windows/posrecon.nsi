; The Windows installer (NSIS 3, Unicode). Built by .github/workflows/release.yml:
;   makensis /DVERSION=0.1.0 /DBINARY=path\to\posrecon.exe /DOUTFILE=posrecon-0.1.0-windows-x86_64-setup.exe posrecon.nsi
; Installs for the current user only (no administrator prompt): %LOCALAPPDATA%\Programs\posrecon, a Start-menu
; shortcut, "Open with posrecon" for CSV/XLSX/XLS/OFX/QFX/XML/MT940 files (never taking over their default app),
; an entry in Apps & features, and an uninstaller. Chinese and English pages, picked from the Windows language.
Unicode true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass /DVERSION=x.y.z"
!endif
!ifndef BINARY
  !error "pass /DBINARY=path\to\posrecon.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "posrecon-${VERSION}-windows-x86_64-setup.exe"
!endif
!define ICON "..\..\assets\icon\posrecon.ico"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\posrecon"
!define PROGID "posrecon.statement"

!include "MUI2.nsh"

Name "posrecon"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\posrecon"
InstallDirRegKey HKCU "Software\posrecon" "InstallDir"
RequestExecutionLevel user
BrandingText "posrecon ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "posrecon"
VIAddVersionKey /LANG=0 "FileDescription" "posrecon installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "posrecon developers, MIT OR Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\posrecon.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString OPEN_WITH ${LANG_ENGLISH} "Bank statement or terminal log"
LangString OPEN_WITH ${LANG_SIMPCHINESE} "银行流水或终端交易明细"

; "Open with posrecon" for one extension: the ProgID is listed under the extension's OpenWithProgids.
!macro OpenWith EXT
  WriteRegStr HKCU "Software\Classes\.${EXT}\OpenWithProgids" "${PROGID}" ""
!macroend
!macro NoLongerOpenWith EXT
  DeleteRegValue HKCU "Software\Classes\.${EXT}\OpenWithProgids" "${PROGID}"
!macroend

Section "posrecon" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=posrecon.exe" "${BINARY}"
  File "/oname=posrecon.ico" "${ICON}"
  File "/oname=README.md" "..\..\README.md"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\posrecon.lnk" "$INSTDIR\posrecon.exe" "" "$INSTDIR\posrecon.ico" 0

  ; The files the app reads: posrecon open "<file>" (paths with spaces or Chinese characters arrive whole).
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(OPEN_WITH)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\posrecon.ico,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\posrecon.exe" open "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\posrecon.exe\shell\open\command" "" '"$INSTDIR\posrecon.exe" open "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\posrecon.exe" "FriendlyAppName" "posrecon"
  !insertmacro OpenWith csv
  !insertmacro OpenWith txt
  !insertmacro OpenWith xlsx
  !insertmacro OpenWith xls
  !insertmacro OpenWith ofx
  !insertmacro OpenWith qfx
  !insertmacro OpenWith xml
  !insertmacro OpenWith sta
  !insertmacro OpenWith mt940

  WriteRegStr HKCU "Software\posrecon" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "posrecon"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "posrecon developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\posrecon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ; Tell Explorer the associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\posrecon.exe"
  Delete "$INSTDIR\posrecon.ico"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\posrecon.lnk"
  !insertmacro NoLongerOpenWith csv
  !insertmacro NoLongerOpenWith txt
  !insertmacro NoLongerOpenWith xlsx
  !insertmacro NoLongerOpenWith xls
  !insertmacro NoLongerOpenWith ofx
  !insertmacro NoLongerOpenWith qfx
  !insertmacro NoLongerOpenWith xml
  !insertmacro NoLongerOpenWith sta
  !insertmacro NoLongerOpenWith mt940
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\posrecon.exe"
  DeleteRegKey HKCU "Software\posrecon"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
