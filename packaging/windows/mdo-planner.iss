; Inno Setup 6 script: the Windows installer of MDO Planner.
;
; Build (on Windows, after `make package` or the same pyinstaller command has produced
; dist\mdo-planner\ with mdo-planner.exe and mdo-planner-cli.exe):
;     iscc packaging\windows\mdo-planner.iss
; Output: dist\mdo-planner-<version>-windows-setup.exe
;
; The version is read from mdo-planner.exe, whose version resource the PyInstaller spec writes
; from pyproject.toml, so the installer can never disagree with the program it installs.
;
; Installs per user without administrator rights by default ({autopf} is then
; %LOCALAPPDATA%\Programs). IT can install for all users with /ALLUSERS (needs admin).
; Silent install with a preset network database (see packaging/README.md):
;     mdo-planner-0.1.0-windows-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;         /DBURL="postgresql+psycopg://mdo_app@db.netwerk.local/mdo?sslmode=verify-full"
;         /PRIVACY=pseudonymised /LOG="%TEMP%\mdo-planner-setup.log"
; /DBURL and /PRIVACY write mdo-planner.toml beside the program (the site configuration that
; the app reads first after MDO_PLANNER_CONFIG); without them an existing file is kept.

#define AppName "MDO Planner"
#define AppExe "mdo-planner.exe"
#define AppCli "mdo-planner-cli.exe"
#define BuildDir AddBackslash(SourcePath) + "..\..\dist\mdo-planner"
#ifndef AppVersion
  #define AppVersion GetVersionNumbersString(BuildDir + "\" + AppExe)
#endif

[Setup]
; A fixed AppId: upgrades replace the installed version instead of installing beside it.
AppId={{6B0E7C52-3F1D-4C39-9D7E-1A3C5E0F8D21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=MDO Planner developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user, no UAC prompt; /ALLUSERS (or the dialog) switches to an all-users install.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=mdo-planner-{#AppVersion}-windows-setup
SetupIconFile=..\icons\mdo-planner.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build; files that are gone from a new version are removed by
; [InstallDelete] below so that an upgrade never mixes two versions' libraries.
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\site-config.example.toml"; DestDir: "{app}"; Flags: ignoreversion

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer itself wrote; users' databases, settings and logs stay (they live in
; %LOCALAPPDATA%\MDO Planner and may hold the only copy of a secretariat's data).
Type: files; Name: "{app}\mdo-planner.toml"

[Code]
function TomlString(Value: String): String;
begin
  StringChangeEx(Value, '\', '\\', True);
  StringChangeEx(Value, '"', '\"', True);
  Result := '"' + Value + '"';
end;

function InitializeSetup(): Boolean;
var
  Privacy: String;
begin
  Result := True;
  Privacy := ExpandConstant('{param:PRIVACY|}');
  if (Privacy <> '') and (Privacy <> 'full') and (Privacy <> 'pseudonymised') and (Privacy <> 'minimal') then
  begin
    SuppressibleMsgBox('/PRIVACY must be full, pseudonymised or minimal, not "' + Privacy + '".',
      mbCriticalError, MB_OK, IDOK);
    Result := False;
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  DbUrl, Privacy: String;
  Lines: TArrayOfString;
  N: Integer;
begin
  if CurStep <> ssPostInstall then
    exit;
  DbUrl := ExpandConstant('{param:DBURL|}');
  Privacy := ExpandConstant('{param:PRIVACY|}');
  if (DbUrl = '') and (Privacy = '') then
    exit;  { keep a site configuration that an earlier install or IT put there }
  N := 1;
  SetArrayLength(Lines, 6);
  Lines[0] := '# Written by the MDO Planner installer; see site-config.example.toml';
  if DbUrl <> '' then
  begin
    Lines[N] := '[database]';
    Lines[N + 1] := 'url = ' + TomlString(DbUrl);
    Lines[N + 2] := 'allow_user_database = false';
    N := N + 3;
  end;
  if Privacy <> '' then
  begin
    Lines[N] := '[agenda]';
    Lines[N + 1] := 'privacy_default = ' + TomlString(Privacy);
    N := N + 2;
  end;
  SetArrayLength(Lines, N);
  { UTF-8 (the app also accepts the byte order mark Inno Setup may write). }
  if not SaveStringsToUTF8File(ExpandConstant('{app}\mdo-planner.toml'), Lines, False) then
    RaiseException('cannot write the site configuration ' + ExpandConstant('{app}\mdo-planner.toml'));
  Log('site configuration written to ' + ExpandConstant('{app}\mdo-planner.toml'));
end;
