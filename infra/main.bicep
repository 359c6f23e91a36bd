// Lokus on Azure: Cosmos DB for NoSQL, the bot on App Service (Linux, Node 20 LTS) with a
// system-assigned managed identity, an Azure Bot registration with the Teams channel, Application
// Insights and a Key Vault for the bot's client secret.
//
//   az deployment group create -g <resource group> -f infra/main.bicep \
//     -p infra/main.parameters.json -p botAppId=<guid> botAppPassword=<client secret> linkSecret=<32+ random characters>
//
// The bot reaches Cosmos DB with its managed identity (Cosmos DB Built-in Data Contributor); the
// account has key auth switched off, so no Cosmos key exists to leak. test/infra.test.ts checks
// this file against src/app/config.ts and src/store/containers.ts.

targetScope = 'resourceGroup'

@description('Prefix for resource names (letters and digits; a unique suffix is added).')
@minLength(3)
@maxLength(12)
param namePrefix string = 'lokus'

@description('Region for everything but the bot registration (global). Sweden Central keeps data in Sweden.')
param location string = 'swedencentral'

@description('The Entra app id (client id) of the bot, registered single tenant.')
param botAppId string

@description('The Entra tenant of the bot app; defaults to the tenant of this subscription.')
param botTenantId string = subscription().tenantId

@secure()
@description('A client secret of the bot app. Stored in Key Vault; the app setting only references it.')
param botAppPassword string

@secure()
@description('HMAC key (at least 32 random characters) of the signed, expiring export links (LOKUS_LINK_SECRET). Stored in Key Vault.')
param linkSecret string

@description('Display name of the bot in Azure.')
param botDisplayName string = 'Lokus'

@description('App Service plan SKU. B1 is enough for one förbund; P0v3 or higher to scale out.')
param appServiceSku string = 'B1'

@description('Number of bot instances. Lokus keeps no state in the process, so any number share one Cosmos DB.')
@minValue(1)
param instanceCount int = 1

@description('Hard V8 heap limit of the bot in MB (node --max-old-space-size), a last line only: the bot itself keeps its heap about 40 % above its live data (LOKUS_HEAP_GROWTH_PERCENT), about 235 MB resident under the benchmark, with about 80 MB live (caches of at most 500 groups, 200 meetings, 200 requests).')
@minValue(128)
param nodeHeapMb int = 512

@description('Cosmos DB capacity mode: serverless (pay per request) or provisioned (autoscale 1000 RU/s).')
@allowed([
  'serverless'
  'provisioned'
])
param cosmosCapacityMode string = 'serverless'

@description('Name of the Cosmos DB database (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'lokus'

@description('pino log level (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

var suffix = uniqueString(resourceGroup().id)
var baseName = toLower('${namePrefix}${suffix}')
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var botPasswordSecretName = 'bot-app-password'
var linkSecretName = 'link-secret'

// ---------------------------------------------------------------------------------------------
// Monitoring

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: logs.id
  }
}

// ---------------------------------------------------------------------------------------------
// Cosmos DB for NoSQL: one database, the containers of src/store/containers.ts.

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${baseName}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: cosmosCapacityMode == 'serverless' ? [
      {
        name: 'EnableServerless'
      }
    ] : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
    // Entra ID only: the bot authenticates with its managed identity, keys cannot be used.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: {
      id: cosmosDatabaseName
    }
    options: cosmosCapacityMode == 'serverless' ? {} : {
      autoscaleSettings: {
        maxThroughput: 1000
      }
    }
  }
}

// All domain documents, one logical partition per group.
resource domainContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'domain'
  properties: {
    resource: {
      id: 'domain'
      partitionKey: {
        paths: [
          '/groupId'
        ]
        kind: 'Hash'
      }
    }
  }
}

// Bot-framework-level records (activity de-duplication, scheduler leases). Per-item TTL on
// (defaultTtl -1 = nothing expires unless it says so): activity claims expire after a week.
resource botContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'bot'
  properties: {
    resource: {
      id: 'bot'
      partitionKey: {
        paths: [
          '/pk'
        ]
        kind: 'Hash'
      }
      defaultTtl: -1
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault for the bot's client secret (RBAC; the web app reads it with its managed identity).

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${toLower(namePrefix)}kv${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: botPasswordSecretName
  properties: {
    value: botAppPassword
  }
}

resource linkSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: linkSecretName
  properties: {
    value: linkSecret
  }
}

// ---------------------------------------------------------------------------------------------
// The bot: App Service on Linux, Node 20 LTS, system-assigned managed identity.

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-bot'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --max-old-space-size=${nodeHeapMb} dist/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      webSocketsEnabled: false
      // Every variable src/app/config.ts reads in production. PORT is set by App Service itself.
      appSettings: [
        {
          name: 'MicrosoftAppId'
          value: botAppId
        }
        {
          name: 'MicrosoftAppType'
          value: 'SingleTenant'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botTenantId
        }
        {
          name: 'MicrosoftAppPassword'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${botPasswordSecretName})'
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmos.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabaseName
        }
        {
          name: 'LOKUS_LINK_SECRET'
          value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${linkSecretName})'
        }
        {
          // Links in cards (minutes exports) point here; the site's own host name.
          name: 'LOKUS_PUBLIC_URL'
          value: 'https://${baseName}-bot.azurewebsites.net'
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
          value: '~3'
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          // botbuilder-dialogs' install script calls npx during the build; never let it prompt.
          name: 'npm_config_yes'
          value: 'true'
        }
      ]
    }
  }
}

// Cosmos DB data plane: Built-in Data Contributor for the web app's identity, on the account.
resource cosmosDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, app.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: app.identity.principalId
    scope: cosmos.id
  }
}

// Key Vault Secrets User for the web app's identity, so the app setting reference resolves.
resource vaultSecretsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot registration (single tenant) with the Microsoft Teams channel.

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-azurebot'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${app.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

// ---------------------------------------------------------------------------------------------

@description('Host name of the bot: BOT_DOMAIN for `npm run package`.')
output botDomain string = app.properties.defaultHostName

@description('Messaging endpoint registered on the Azure Bot.')
output messagingEndpoint string = 'https://${app.properties.defaultHostName}/api/messages'

@description('Name of the web app, for `az webapp deploy`.')
output webAppName string = app.name

@description('Cosmos DB endpoint the bot uses (COSMOS_ENDPOINT).')
output cosmosEndpoint string = cosmos.properties.documentEndpoint
